/** Entry of the lessons gallery (lessons.html): the lesson cards, no lab state. */
import 'katex/dist/katex.min.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Gallery } from './components/Gallery.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Gallery />
  </StrictMode>,
);
