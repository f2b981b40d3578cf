/**
 * View "phase" (issue 8): the (σw², σb²) phase diagram of the MLP with the spec's activation —
 * ordered and chaotic regions, the critical line χ₁ = 1 (edge of chaos) from two root finders, a
 * chosen quantity as colour — tied to samples: a click on the map (or a cell chosen with the arrow
 * keys, then Enter or the button) sets σw², σb² and opens the depth view with finite networks there.
 */
import { archOf } from '../../src/archs/index.ts';
import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { phaseGrid, type PhaseDiagramBlock } from '../../src/experiments/phaseDiagram.ts';
import { Panel } from '../components/Panel.tsx';
import { RichLabel } from '../components/RichLabel.tsx';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { phaseMapCsv } from '../plots/csv.ts';
import { drawPhaseMap } from '../plots/drawPhaseMap.ts';
import { axisScale, readGeometry } from '../plots/geometry.ts';
import { useLab, useLabActions } from '../state/useLab.ts';
import { lines } from './equations.ts';
import { formatCount, formatValue } from './labels.ts';
import { isPhaseQuantity, nearestCell, PHASE_CURVE, PHASE_CURVE_M, PHASE_QUANTITIES, PHASE_QUANTITY, phaseMap, pickPoint, pointRows, type PhaseQuantity } from './phaseData.ts';
import { useViewBlock } from './useResults.ts';

const FIXED_POINT_TEX = lines(
  'q^* = \\sigma_w^2\\,\\mathbb{E}_{z\\sim\\mathcal N(0,1)}\\big[\\varphi(\\sqrt{q^*}z)^2\\big] + \\sigma_b^2',
  '\\chi_1 = \\sigma_w^2\\,\\mathbb{E}_{z}\\big[\\varphi\'(\\sqrt{q^*}z)^2\\big]\\ \\begin{cases} < 1 & \\text{ordered} \\\\ = 1 & \\text{critical} \\\\ > 1 & \\text{chaotic}\\end{cases}',
);
const DEPTH_SCALES_TEX = lines(
  '\\xi_q = -\\frac{1}{\\log \\chi_q},\\ \\chi_q = \\frac{d}{dq}\\Big(\\sigma_w^2\\,\\mathbb{E}\\big[\\varphi(\\sqrt q z)^2\\big] + \\sigma_b^2\\Big)\\Big|_{q^*}',
  '\\xi_c = -\\frac{1}{\\log \\chi_c},\\ \\chi_c = \\sigma_w^2\\,\\mathbb{E}_{(u,v)\\sim\\mathcal N(0,\\,q^*[\\begin{smallmatrix}1 & c^*\\\\ c^* & 1\\end{smallmatrix}])}\\big[\\varphi\'(u)\\varphi\'(v)\\big]',
);

interface Cell {
  readonly i: number;
  readonly j: number;
}

export function PhaseView() {
  const spec = useLab((s) => s.spec);
  const { setParams } = useLabActions();
  const { block, unavailable } = useViewBlock('phase');
  const [quantity, setQuantity] = useState<PhaseQuantity>('chi1');
  const [chosen, setChosen] = useState<Cell | undefined>(undefined);
  const grid = useMemo(() => (block ? { sw2: block.sw2, sb2: block.sb2 } : phaseGrid(spec)), [block, spec.sw2max, spec.sb2max, spec.grid]);
  // A cell chosen on another grid (grid, σ² ranges changed) is dropped.
  const cell = chosen && chosen.i < grid.sw2.length && chosen.j < grid.sb2.length ? chosen : undefined;
  const cursor = cell ? { x: grid.sw2[cell.i], y: grid.sb2[cell.j] } : undefined;
  const data = useMemo(() => phaseMap(spec, block, quantity, cursor), [spec, block, quantity, cursor?.x, cursor?.y]);
  const bounds = { sw2max: grid.sw2[grid.sw2.length - 1] ?? spec.sw2max, sb2max: grid.sb2[grid.sb2.length - 1] ?? spec.sb2max };
  // Issue 18 §2: a click can also show the image of an input curve at that point (page state; on when the link has a curve).
  const [withCurve, setWithCurve] = useState(spec.curve !== 'none');
  const go = (sw2: number, sb2: number) => setParams(pickPoint(spec, sw2, sb2, bounds, withCurve));

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const svg = e.currentTarget.querySelector('[data-testid="plot-phase"] > svg');
    const geo = readGeometry(svg);
    // Clicks on the plot's export buttons (PlotFrame puts them under the map) are theirs.
    if (!svg || !geo || !svg.contains(e.target as Node)) return;
    const box = svg.getBoundingClientRect();
    const px = e.clientX - box.left - geo.left;
    const py = e.clientY - box.top - geo.top;
    if (px < 0 || px > geo.width || py < 0 || py > geo.height) return;
    go(axisScale(geo.x, geo.width, false).invert(px), axisScale(geo.y, geo.height, true).invert(py));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return; // keys on the export buttons are theirs
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      const from = cell ?? nearestCell(grid.sw2, grid.sb2, spec.sw2, spec.sb2);
      const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
      setChosen(cell ? { i: clamp(from.i + move[0], grid.sw2.length), j: clamp(from.j + move[1], grid.sb2.length) } : from);
    } else if ((e.key === 'Enter' || e.key === ' ') && cell) {
      e.preventDefault();
      go(grid.sw2[cell.i], grid.sb2[cell.j]);
    }
  };

  const chosenText = cell
    ? `Chosen: σw² = ${formatValue(grid.sw2[cell.i], 3)}, σb² = ${formatValue(grid.sb2[cell.j], 3)}` +
      (block?.phase[cell.j] ? ` — ${block.phase[cell.j][cell.i]}, ${PHASE_QUANTITY[quantity].option.split(' (')[0]} = ${formatValue(block[quantity][cell.j]?.[cell.i] ?? undefined, 4)}` : '')
    : 'Click a point of the map, or focus the map and choose a cell with the arrow keys.';
  const line = block?.criticalLine;
  const agreement = line
    ? line.agreeingPoints > 0
      ? `The line is found by two independent root finders — Brent's method on σw² ↦ χ₁(q*(σw²)) − 1 (thick black) and one equation in q* (dashed orange) — which agree to ${formatValue(line.maxDisagreement, 2)} in σw² over ${formatCount(line.agreeingPoints)} values of σb².`
      : 'The second root finder (one equation in q*) found no attracting root to compare with on this range.'
    : 'The critical line appears when the last row is computed.';

  return (
    <div className="panels">
      <Panel
        id="phase-map"
        wide
        title={`Phase diagram of the ${spec.act} MLP: order, chaos and the edge of chaos χ₁ = 1`}
        header={
          <div className="panel-note">
            <label>
              Colour:{' '}
              <select value={quantity} onChange={(e) => isPhaseQuantity(e.target.value) && setQuantity(e.target.value)} data-testid="phase-quantity" style={{ maxWidth: '24rem' }}>
                {PHASE_QUANTITIES.map((q) => (
                  <option key={q} value={q}>
                    {PHASE_QUANTITY[q].option}
                  </option>
                ))}
              </select>
            </label>{' '}
            · {formatCount(grid.sw2.length)} × {formatCount(grid.sb2.length)} grid{block ? ` (${block.precision} quadrature)` : ''}
            {!archOf(spec).views.includes('phase') && ' · the diagram is that of the MLP; a click opens the MLP at that point'}
            {unavailable && ` · ${unavailable}`}
          </div>
        }
        caption={`Each cell is one $(\\sigma_w^2, \\sigma_b^2)$ of an infinitely wide ${spec.act} MLP. Deep in such a network the squared length settles at the fixed point $q^*$ and two inputs' correlation at $c^*$; $\\chi_1$, the slope of the correlation map at $c = 1$, decides what happens to nearby inputs. Where $\\chi_1 < 1$ (ordered) they converge and every input looks alike after $\\xi_c$ layers; where $\\chi_1 > 1$ (chaotic) they decorrelate. On the critical line $\\chi_1 = 1$, the edge of chaos, the depth scale $\\xi_c$ diverges: signals travel arbitrarily deep (Poole et al. 2016; Schoenholz et al. 2017). ${agreement} Click a point to see finite networks there: σw², σb² are set (to 3 significant digits) and the depth view opens; with the box under the map ticked, it also shows the image of an input curve there, layer by layer (Poole et al. 2016: a circle grows into a fractal-like curve in the chaotic phase and shrinks in the ordered one).`}
        equation={FIXED_POINT_TEX}
      >
        <div
          className="phase-map-input"
          role="group"
          tabIndex={0}
          aria-label="Phase diagram: click a point, or choose a cell with the arrow keys and press Enter, to show the networks at that point"
          aria-describedby="phase-chosen"
          data-testid="phase-map-input"
          onClick={onClick}
          onKeyDown={onKeyDown}
          style={{ cursor: 'crosshair' }}
        >
          <PlotFrame draw={drawPhaseMap} data={data} testId="plot-phase" height="tall" csv={phaseMapCsv} />
        </div>
        <p className="panel-note" id="phase-chosen" aria-live="polite" data-testid="phase-chosen">
          {chosenText}{' '}
          <button type="button" data-testid="phase-go" disabled={!cell} onClick={() => cell && go(grid.sw2[cell.i], grid.sb2[cell.j])}>
            Show the networks at this point
          </button>{' '}
          <label>
            <input type="checkbox" checked={withCurve} onChange={(e) => setWithCurve(e.target.checked)} data-testid="phase-with-curve" /> and the image of{' '}
            {spec.curve !== 'none' ? `the input curve (curve=${spec.curve})` : `a circle of ${PHASE_CURVE.split(':')[1]} inputs through at most ${PHASE_CURVE_M} networks (curve=${PHASE_CURVE}, M ≤ ${PHASE_CURVE_M})`} there
          </label>
        </p>
        {block && block.notes.length > 0 && (
          <ul className="panel-note" data-testid="phase-notes">
            {block.notes.map((n) => (
              <li key={n}>
                <RichLabel text={n} />
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel
        id="phase-point"
        title={`This network: σw² = ${formatValue(spec.sw2, 4)}, σb² = ${formatValue(spec.sb2, 4)} (the orange-red point)`}
        caption={`The infinite-width quantities at the current $(\\sigma_w^2, \\sigma_b^2)$: $\\xi_q$ and $\\xi_c$ are the numbers of layers over which lengths and correlations approach their fixed points ($\\infty$ exactly on the critical line; undefined where $q^* = \\infty$, i.e. the squared length grows without bound). A depth $L \\gg \\xi_c$ forgets the input correlation.`}
        equation={DEPTH_SCALES_TEX}
      >
        <table className="phase-point-table" data-testid="phase-point">
          <tbody>
            {pointRows(block).map((r) => (
              <tr key={r.label}>
                <th scope="row" style={{ textAlign: 'left', fontWeight: 500, paddingRight: '1.5rem' }}>
                  {r.label}
                </th>
                <td className="readout">{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </div>
  );
}
