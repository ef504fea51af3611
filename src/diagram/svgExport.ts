/**
 * The diagram as a standalone SVG (nodes are HTML on the canvas, so the export draws its own
 * picture from positions, sizes and labels). Pure: boxes and edges in, SVG text out.
 */
export interface SvgBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** "Topic", "Consumer group"… */
  kind: string;
  title: string;
  lines: string[];
  accent: string;
  error?: string;
}

export interface SvgEdge {
  source: string;
  target: string;
  color: string;
  dashed?: boolean;
}

export interface SvgTheme {
  background: string;
  surface: string;
  border: string;
  text: string;
  muted: string;
  danger: string;
}

const PAD = 32;

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

export function designToSvg(
  boxes: readonly SvgBox[],
  edges: readonly SvgEdge[],
  theme: SvgTheme,
  title: string,
): string {
  const minX = Math.min(0, ...boxes.map((b) => b.x)) - PAD;
  const minY = Math.min(0, ...boxes.map((b) => b.y)) - PAD;
  const maxX = Math.max(0, ...boxes.map((b) => b.x + b.width)) + PAD;
  const maxY = Math.max(0, ...boxes.map((b) => b.y + b.height)) + PAD;
  const w = Math.round(maxX - minX);
  const h = Math.round(maxY - minY);
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const paths = edges.flatMap((e) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) return [];
    const x1 = s.x + s.width;
    const y1 = s.y + s.height / 2;
    const x2 = t.x;
    const y2 = t.y + t.height / 2;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    const dash = e.dashed ? ' stroke-dasharray="6 4"' : '';
    return [
      `<path d="M${r(x1)},${r(y1)} C${r(x1 + dx)},${r(y1)} ${r(x2 - dx)},${r(y2)} ${r(x2)},${r(y2)}" fill="none" stroke="${e.color}" stroke-width="1.8"${dash} marker-end="url(#arrow)"/>`,
    ];
  });
  const nodes = boxes.map((b) => {
    const stroke = b.error ? theme.danger : theme.border;
    const lines = b.lines
      .slice(0, Math.max(0, Math.floor((b.height - 64) / 16)))
      .map(
        (l, i) =>
          `<text x="${r(b.x + 12)}" y="${r(b.y + 66 + i * 16)}" font-size="11.5" fill="${theme.muted}">${escapeXml(l)}</text>`,
      );
    const error = b.error
      ? `<text x="${r(b.x + 12)}" y="${r(b.y + b.height - 10)}" font-size="11" fill="${theme.danger}">${escapeXml(`⚠ ${b.error}`)}</text>`
      : '';
    return [
      `<g data-node="${escapeXml(b.id)}">`,
      `<rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.width)}" height="${r(b.height)}" rx="10" fill="${theme.surface}" stroke="${stroke}" stroke-width="${b.error ? 2 : 1}"/>`,
      `<rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.width)}" height="3" fill="${b.accent}"/>`,
      `<text x="${r(b.x + 12)}" y="${r(b.y + 24)}" font-size="10.5" font-weight="600" letter-spacing="0.06em" fill="${theme.muted}">${escapeXml(b.kind.toUpperCase())}</text>`,
      `<text x="${r(b.x + 12)}" y="${r(b.y + 44)}" font-size="14" font-weight="650" fill="${theme.text}">${escapeXml(b.title)}</text>`,
      ...lines,
      error,
      '</g>',
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${r(minX)} ${r(minY)} ${w} ${h}" font-family="Inter, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${theme.muted}"/></marker></defs>`,
    `<rect x="${r(minX)}" y="${r(minY)}" width="${w}" height="${h}" fill="${theme.background}"/>`,
    ...paths,
    ...nodes,
    '</svg>',
  ].join('\n');
}

const r = (n: number) => Math.round(n * 10) / 10;
