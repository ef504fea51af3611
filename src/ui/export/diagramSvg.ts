/** The current diagram as SVG: boxes from node positions and measured sizes, labels from the data. */
import {
  designToSvg,
  entityName,
  esInputName,
  isEsData,
  isTopicData,
  nodeSize,
  partitionCount,
  type SvgBox,
  type SvgEdge,
} from '../../diagram';
import { getLocale, renderMsg, translate, type Locale } from '../../i18n';
import type { AppState } from '../../store/store';
import { KIND_LABEL } from '../canvas/kindLabel';
import { describeCommit, describeKeys, describeRate } from '../canvas/describe';
import { formatCount } from '../format';
import { esFacts } from '../canvas/esDescribe';

/** The diagram as SVG, its words in `locale` (the UI's language by default). */
export function diagramSvg(s: AppState, locale: Locale = getLocale()): string {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(locale, key, params);
  const r = (m: Parameters<typeof renderMsg>[1]) => renderMsg(locale, m);
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  const theme = {
    background: v('--bg'),
    surface: v('--surface'),
    border: v('--border-strong'),
    text: v('--text'),
    muted: v('--muted'),
    danger: v('--danger'),
  };
  const boxes: SvgBox[] = s.nodes.map((n) => {
    const size =
      n.measured?.width && n.measured.height
        ? { width: n.measured.width, height: n.measured.height }
        : nodeSize(n.data);
    const d = n.data;
    const name = entityName(d);
    const lines: string[] = [];
    let accent = v('--topic');
    if (d.kind === 'producer') {
      accent = v('--accent');
      lines.push(
        t('canvas.svg.event', { type: d.eventType }),
        t('canvas.svg.rate', { rate: describeRate(d.rate) }),
        t('canvas.svg.keys', { keys: describeKeys(d.keys, d.sendKey) }),
      );
      const sent = s.view?.producers[name]?.sent;
      if (sent !== undefined) lines.push(t('canvas.svg.produced', { n: formatCount(sent) }));
    } else if (isTopicData(d)) {
      if (d.kind === 'deadLetterTopic') accent = v('--danger');
      lines.push(t('canvas.topic.partitions', { n: partitionCount(d) }));
      const leos = s.view?.topics[name]?.logEndOffsets;
      if (leos) leos.forEach((leo, p) => lines.push(t('canvas.svg.logEnd', { p, leo })));
    } else if (d.kind === 'exchange') {
      accent = v('--exchange');
      lines.push(d.type);
    } else if (d.kind === 'queue') {
      accent = v('--queue');
      lines.push(String(d.arguments?.['x-queue-type'] ?? 'classic'));
    } else if (isEsData(d)) {
      accent = v('--es');
      lines.push(...esFacts(d, esInputName(s.nodes, s.edges, n.id), s.view?.eventStore).map(r));
    } else {
      accent = s.colors[n.id] ?? accent;
      lines.push(
        t('canvas.svg.members', {
          n: Array.isArray(d.members) ? d.members.length : d.members,
          commit: describeCommit(d.commit, d.config?.['enable.auto.commit']),
        }),
      );
      const g = s.view?.groups[name];
      if (g)
        lines.push(
          t('canvas.svg.lag', {
            lag: g.lag === null ? '-' : formatCount(g.lag),
            processed: formatCount(g.processed),
          }),
          t('canvas.svg.counts', { duplicates: g.duplicates, lost: g.lost }),
        );
    }
    const issue = s.nodeIssues[n.id]?.[0]?.message;
    const error = issue === undefined ? undefined : r(issue);
    return {
      id: n.id,
      x: n.position.x,
      y: n.position.y,
      ...size,
      kind: t(KIND_LABEL[d.kind]),
      title: name,
      lines,
      accent,
      ...(error ? { error } : {}),
    };
  });
  const edges: SvgEdge[] = s.edges.map((e) => {
    const info = s.edgeInfo[e.id];
    const flow = info && 'flow' in info ? info.flow : 'invalid';
    const color =
      flow === 'produce'
        ? v('--accent')
        : flow === 'emit'
          ? v('--emit')
          : flow === 'invalid' || flow === 'deadLetter'
            ? v('--danger')
            : flow === 'command' || flow === 'append' || flow === 'project' || flow === 'read'
              ? v('--es')
              : v('--edge');
    return {
      source: e.source,
      target: e.target,
      color,
      dashed: flow === 'deadLetter' || flow === 'invalid',
    };
  });
  return designToSvg(boxes, edges, theme, s.settings.name);
}
