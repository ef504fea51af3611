/**
 * Exports of a design to real systems (issue 16, "Out to real systems"): AsyncAPI 3.0, Kafka's
 * kafka-topics.sh commands and client .properties, a runnable Node client, RabbitMQ's
 * definitions.json. Pure: a parsed Scenario in, file names and texts out.
 */
import { exportDefinitions, type Scenario } from '../../engine';
import { asyncApiJson } from './asyncapi';
import { clientScript } from './clientScript';
import { kafkaPropertiesFiles, kafkaTopicsScript } from './kafkaCli';

export { toAsyncApi, asyncApiJson, schemaOf } from './asyncapi';
export { clientScript, clientPlan } from './clientScript';
export {
  kafkaTopicsScript,
  kafkaPropertiesFiles,
  kafkaTopicProblem,
  shellQuote,
  escapeProperty,
  loadProperties,
  ASSIGNOR_CLASSES,
} from './kafkaCli';
export { computeFlows } from './flows';

export const EXPORT_FORMATS = [
  'asyncapi',
  'kafka-topics',
  'properties',
  'client',
  'definitions',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  name: string;
  text: string;
}

export interface ExportResult {
  files: ExportFile[];
  /** What the user should know (topics Kafka would refuse, name collisions, nothing to export). */
  warnings: string[];
}

/** A file name's stem from a design name: [a-z0-9._-], never empty, never "." or "..". */
export function fileStem(name: string): string {
  const stem = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .toLowerCase()
    .replace(/^[.-]+/, '')
    .slice(0, 80);
  return stem || 'design';
}

/** One format's files for a scenario. */
export function exportScenario(s: Scenario, format: ExportFormat): ExportResult {
  const stem = fileStem(s.name);
  switch (format) {
    case 'asyncapi':
      return { files: [{ name: `${stem}.asyncapi.json`, text: asyncApiJson(s) }], warnings: [] };
    case 'kafka-topics': {
      const t = kafkaTopicsScript(s);
      const warnings = [
        ...t.refused.map((r) => `topic ${JSON.stringify(r.topic)} left out: ${r.reason}`),
        ...t.warnings,
      ];
      if (s.topics.length === 0) warnings.push('the design has no Kafka topics');
      return { files: [{ name: `${stem}.kafka-topics.sh`, text: t.text }], warnings };
    }
    case 'properties': {
      const files = kafkaPropertiesFiles(s).map((f) => ({ name: f.name, text: f.text }));
      return {
        files,
        warnings: files.length ? [] : ['the design has no Kafka producers or consumer groups'],
      };
    }
    case 'client':
      return { files: [{ name: `${stem}.client.mjs`, text: clientScript(s) }], warnings: [] };
    case 'definitions':
      return s.amqp
        ? {
            files: [
              {
                name: `${stem}.definitions.json`,
                text: JSON.stringify(exportDefinitions(s.amqp), null, 2) + '\n',
              },
            ],
            warnings: [],
          }
        : { files: [], warnings: ['the design has no RabbitMQ broker: no definitions.json'] };
  }
}

/** Every format (definitions.json only when the design has a RabbitMQ broker). */
export function exportAll(s: Scenario): ExportResult {
  const out: ExportResult = { files: [], warnings: [] };
  for (const f of EXPORT_FORMATS) {
    const r = exportScenario(s, f);
    out.files.push(...r.files);
    out.warnings.push(...r.warnings);
  }
  return out;
}

/** Several files as one text (the app's single download of the properties files). */
export function bundleText(files: readonly ExportFile[]): string {
  return files.map((f) => `# ==> ${f.name} <==\n${f.text}`).join('\n');
}
