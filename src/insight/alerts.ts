/**
 * Alerting rules as Prometheus writes them (`alert`, `expr`, `for`, `labels`, `annotations`),
 * evaluated over a run's metrics at every sample, with Prometheus' states: an element of the
 * expression's result is pending from the first evaluation it appears in, firing once it has been
 * there for `for`, and resolved (inactive) when it is gone. Followed: the Prometheus docs'
 * "Alerting rules" and "Recording rules" pages (the rule file format) and its rules/alerting.go
 * (the pending → firing transition at `activeAt + for`, `for: 0` firing at once).
 */
import type { RunMetrics } from './metrics';
import {
  instantVector,
  labelsKey,
  parseDuration,
  parsePromQL,
  type Expr,
  type Labels,
} from './promql';

export interface AlertRule {
  alert: string;
  expr: string;
  /** A Prometheus duration (`5m`); absent or `0s`: firing at once. */
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface AlertRuleGroup {
  name: string;
  rules: AlertRule[];
}

export type AlertState = 'inactive' | 'pending' | 'firing';

export interface AlertTransition {
  tUs: number;
  state: AlertState;
  value: number;
}

export interface AlertInstance {
  rule: string;
  /** The result element's labels plus the rule's. */
  labels: Labels;
  transitions: AlertTransition[];
  /** The annotations with `{{ $labels.x }}` and `{{ $value }}` filled from the first firing. */
  annotations: Record<string, string>;
}

export type RuleProblem = {
  rule: number;
  field: 'alert' | 'expr' | 'for' | 'labels' | 'annotations';
  message: string;
};

const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export const RULE_LIMITS = { rules: 50, text: 4000, labels: 20 } as const;

/** Checks a group's rules; every problem names the rule and its field. Never throws. */
export function checkRules(rules: readonly AlertRule[]): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (rules.length > RULE_LIMITS.rules)
    out.push({
      rule: RULE_LIMITS.rules,
      field: 'alert',
      message: `at most ${RULE_LIMITS.rules} rules`,
    });
  rules.slice(0, RULE_LIMITS.rules).forEach((r, i) => {
    if (typeof r.alert !== 'string' || !NAME.test(r.alert))
      out.push({ rule: i, field: 'alert', message: 'an alert name is letters, digits and _' });
    const p = parsePromQL(typeof r.expr === 'string' ? r.expr : '');
    if (!p.ok) out.push({ rule: i, field: 'expr', message: `${p.error} (at ${p.position})` });
    if (
      r.for !== undefined &&
      (typeof r.for !== 'string' ||
        (r.for !== '0s' && r.for !== '0' && parseDuration(r.for) === null))
    )
      out.push({ rule: i, field: 'for', message: 'a duration such as 30s or 5m' });
    for (const field of ['labels', 'annotations'] as const) {
      const m = r[field];
      if (m === undefined) continue;
      if (typeof m !== 'object' || m === null || Array.isArray(m)) {
        out.push({ rule: i, field, message: 'a map of names to text' });
        continue;
      }
      const entries = Object.entries(m);
      if (entries.length > RULE_LIMITS.labels)
        out.push({ rule: i, field, message: `at most ${RULE_LIMITS.labels} entries` });
      for (const [k, v] of entries)
        if (!NAME.test(k) || typeof v !== 'string' || v.length > RULE_LIMITS.text)
          out.push({
            rule: i,
            field,
            message: `"${k.slice(0, 40)}": a name (letters, digits, _) and text`,
          });
    }
  });
  return out;
}

/** `{{ $labels.group }}`, `{{ $value }}` (and `{{ $value | humanize }}`) filled in. */
export function expandTemplate(text: string, labels: Labels, value: number): string {
  return text.replace(
    /\{\{\s*\$(labels\.([a-zA-Z_][a-zA-Z0-9_]*)|value)(\s*\|\s*humanize)?\s*\}\}/g,
    (_m, what: string, label?: string) =>
      what === 'value' ? formatValue(value) : (labels[label!] ?? ''),
  );
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
}

/**
 * Every alert instance of the rules over the run's samples, in order of first activity. Rules
 * with problems are skipped (checkRules reports them).
 */
export function evaluateAlerts(rules: readonly AlertRule[], m: RunMetrics): AlertInstance[] {
  const bad = new Set(checkRules(rules).map((p) => p.rule));
  const out: AlertInstance[] = [];
  rules.slice(0, RULE_LIMITS.rules).forEach((rule, ri) => {
    if (bad.has(ri)) return;
    const p = parsePromQL(rule.expr);
    if (!p.ok) return;
    const expr: Expr = p.expr;
    const forMs = rule.for === undefined || rule.for === '0' ? 0 : (parseDuration(rule.for) ?? 0);
    const active = new Map<string, { inst: AlertInstance; activeAtUs: number; firing: boolean }>();
    for (const tUs of m.timesUs) {
      const seen = new Set<string>();
      for (const s of instantVector(expr, m, tUs)) {
        const labels: Labels = { ...s.labels, ...(rule.labels ?? {}), alertname: rule.alert };
        const k = labelsKey(labels);
        seen.add(k);
        let a = active.get(k);
        if (!a) {
          const inst: AlertInstance = {
            rule: rule.alert,
            labels,
            transitions: [],
            annotations: {},
          };
          out.push(inst);
          a = { inst, activeAtUs: tUs, firing: false };
          active.set(k, a);
          a.inst.transitions.push({ tUs, state: 'pending', value: s.value });
        }
        if (!a.firing && tUs - a.activeAtUs >= forMs * 1000) {
          a.firing = true;
          // `for: 0` fires at once: the pending step and the firing one share a time.
          a.inst.transitions.push({ tUs, state: 'firing', value: s.value });
          a.inst.annotations = Object.fromEntries(
            Object.entries(rule.annotations ?? {}).map(([n, text]) => [
              n,
              expandTemplate(text, labels, s.value),
            ]),
          );
        }
      }
      for (const [k, a] of active)
        if (!seen.has(k)) {
          a.inst.transitions.push({ tUs, state: 'inactive', value: NaN });
          active.delete(k);
        }
    }
  });
  return out;
}

/** An instance's state at `tUs`. */
export function alertStateAt(inst: AlertInstance, tUs: number): AlertState {
  let state: AlertState = 'inactive';
  for (const t of inst.transitions) {
    if (t.tUs > tUs) break;
    state = t.state;
  }
  return state;
}

/** YAML double-quoted scalar (a JSON string is one). */
const q = (s: string) => JSON.stringify(s);

/** A rule file Prometheus loads (`rule_files:`), with every scalar quoted. */
export function rulesToYaml(groups: readonly AlertRuleGroup[]): string {
  const lines = ['groups:'];
  for (const g of groups) {
    lines.push(`  - name: ${q(g.name)}`, '    rules:');
    for (const r of g.rules) {
      lines.push(`      - alert: ${q(r.alert)}`, `        expr: ${q(r.expr)}`);
      if (r.for) lines.push(`        for: ${q(r.for)}`);
      for (const field of ['labels', 'annotations'] as const) {
        const m = r[field];
        if (!m || Object.keys(m).length === 0) continue;
        lines.push(`        ${field}:`);
        for (const [k, v] of Object.entries(m)) lines.push(`          ${k}: ${q(v)}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * The seed course note's two rules (its section on monitoring), scaled for a simulated run:
 * lag above `lag` records for `lagFor`, and the dead-letter queue growing faster than `dlqRate`
 * records a second over `window` for `dlqFor`.
 */
export function seedRules(opts: {
  lag: number;
  lagFor: string;
  dlqRate: number;
  window: string;
  dlqFor: string;
}): AlertRuleGroup {
  return {
    name: 'event_processing',
    rules: [
      {
        alert: 'HighEventLag',
        expr: `sum by (group) (kafka_consumergroup_lag) > ${opts.lag}`,
        for: opts.lagFor,
        labels: { severity: 'critical' },
        annotations: {
          summary: `Consumer lag of {{ $labels.group }} exceeded ${opts.lag} events ({{ $value }})`,
        },
      },
      {
        alert: 'DeadLetterQueueGrowing',
        expr: `rate(eventflow_dead_lettered_total[${opts.window}]) > ${opts.dlqRate}`,
        for: opts.dlqFor,
        labels: { severity: 'warning' },
        annotations: { summary: 'Dead letter queue of {{ $labels.group }} growing rapidly' },
      },
    ],
  };
}
