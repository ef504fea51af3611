/** The current diagram as SVG: boxes from node positions and measured sizes, labels from the data. */
import { designToSvg, entityName, isTopicData, kindInfo, nodeSize, partitionCount, type SvgBox, type SvgEdge } from '../../diagram';
import type { AppState } from '../../store/store';
import { describeCommit, describeKeys, describeRate } from '../canvas/describe';
import { formatCount } from '../format';

export function diagramSvg(s: AppState): string {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  const theme = { background: v('--bg'), surface: v('--surface'), border: v('--border-strong'), text: v('--text'), muted: v('--muted'), danger: v('--danger') };
  const boxes: SvgBox[] = s.nodes.map((n) => {
    const size = n.measured?.width && n.measured.height ? { width: n.measured.width, height: n.measured.height } : nodeSize(n.data);
    const d = n.data;
    const name = entityName(d);
    const lines: string[] = [];
    let accent = v('--topic');
    if (d.kind === 'producer') {
      accent = v('--accent');
      lines.push(`event ${d.eventType}`, `rate ${describeRate(d.rate)}`, `keys ${describeKeys(d.keys, d.sendKey)}`);
      const sent = s.view?.producers[name]?.sent;
      if (sent !== undefined) lines.push(`produced ${formatCount(sent)}`);
    } else if (isTopicData(d)) {
      if (d.kind === 'deadLetterTopic') accent = v('--danger');
      lines.push(`${partitionCount(d)} partitions`);
      const leos = s.view?.topics[name]?.logEndOffsets;
      if (leos) leos.forEach((leo, p) => lines.push(`P${p}  log-end offset ${leo}`));
    } else {
      accent = s.colors[n.id] ?? accent;
      lines.push(`${Array.isArray(d.members) ? d.members.length : d.members} members · ${describeCommit(d.commit, d.config?.['enable.auto.commit'])}`);
      const g = s.view?.groups[name];
      if (g) lines.push(`lag ${g.lag === null ? '-' : formatCount(g.lag)} · processed ${formatCount(g.processed)}`, `duplicates ${g.duplicates} · lost ${g.lost}`);
    }
    const error = s.nodeIssues[n.id]?.[0]?.message;
    return { id: n.id, x: n.position.x, y: n.position.y, ...size, kind: kindInfo(d.kind).label, title: name, lines, accent, ...(error ? { error } : {}) };
  });
  const edges: SvgEdge[] = s.edges.map((e) => {
    const info = s.edgeInfo[e.id];
    const flow = info && 'flow' in info ? info.flow : 'invalid';
    const color = flow === 'produce' ? v('--accent') : flow === 'emit' ? v('--emit') : flow === 'consume' ? v('--edge') : v('--danger');
    return { source: e.source, target: e.target, color, dashed: flow === 'deadLetter' || flow === 'invalid' };
  });
  return designToSvg(boxes, edges, theme, s.settings.name);
}
