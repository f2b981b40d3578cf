/**
 * tsconfig.engine.json maps react, react-dom, d3*, zustand and katex here: the engine (src/) runs in
 * Node and Web Workers and must not import UI libraries (STYLE.md rule 1). Importing one resolves to
 * this module, which exports nothing, so the engine typecheck fails with "has no exported member".
 */
export {};
