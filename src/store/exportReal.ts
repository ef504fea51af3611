/**
 * The File menu's exports to real systems (issue 16): the open design compiled, then the pure
 * exporters of src/diagram/export. A design that does not compile exports nothing and says why.
 */
import { compile } from '../diagram';
import { bundleText, exportScenario, fileStem, type ExportFormat } from '../diagram/export';
import { msg, type MessageKey } from '../i18n';
import { notify } from './fileActions';
import { currentDesign, useAppStore } from './store';

export type RealFormat = Extract<
  ExportFormat,
  'asyncapi' | 'kafka-topics' | 'properties' | 'client'
>;

const DONE: Record<RealFormat, MessageKey> = {
  asyncapi: 'exportReal.done.asyncapi',
  'kafka-topics': 'exportReal.done.kafkaTopics',
  properties: 'exportReal.done.properties',
  client: 'exportReal.done.client',
};

const TYPES: Record<RealFormat, string> = {
  asyncapi: 'application/json',
  'kafka-topics': 'text/x-shellscript',
  properties: 'text/plain',
  client: 'text/javascript',
};

/** The file to download for a format, or null (the notice says why). */
export function exportReal(
  format: RealFormat,
): { text: string; fileName: string; type: string } | null {
  const s = useAppStore.getState();
  const r = compile(currentDesign(s));
  if (!r.ok) {
    notify('error', msg('exportReal.notCompiled'));
    return null;
  }
  const out = exportScenario(r.scenario, format);
  const warnings = out.warnings.map((text) => msg('exportReal.warning', { text }));
  if (out.files.length === 0) {
    notify('error', msg('exportReal.nothing'), warnings);
    return null;
  }
  const single = out.files.length === 1 ? out.files[0]! : null;
  const fileName = single
    ? single.name
    : `${fileStem(r.scenario.name)}.kafka-clients.properties.txt`;
  const text = single ? single.text : bundleText(out.files);
  notify('info', msg('toolbar.export.done', { file: fileName }), [msg(DONE[format]), ...warnings]);
  return { text, fileName, type: TYPES[format] };
}
