import { useLocale, useT, type Locale, type Translate } from '../../i18n';
import { builtInTextIn } from '../../scenarios';
import { catalog } from '../../store/catalog';
import { openBuiltIn } from '../../store/fileActions';
import { openLibraryDesign } from '../../store/libraryActions';
import type { CurrentDoc } from '../../store/librarySlice';
import { useAppStore } from '../../store/store';

const DESIGN = 'design:';

/** The open document's option value: a built-in's id, `design:<id>`, or '' (unsaved, no built-in). */
function valueOf(doc: CurrentDoc, origin: string | null): string {
  if (doc.kind === 'design') return DESIGN + doc.id;
  return doc.source === 'builtIn' && origin ? origin : '';
}

function unsavedLabel(
  doc: CurrentDoc,
  origin: string | null,
  locale: Locale,
  t: Translate,
): string {
  if (doc.kind === 'design') return t('toolbar.scenario.yourDesign');
  if (doc.source === 'link') return t('toolbar.scenario.linkUnsaved');
  if (doc.source === 'new') return t('toolbar.scenario.newUnsaved');
  const builtIn = doc.source === 'builtIn' && origin ? builtInTextIn(locale, origin) : null;
  return t('toolbar.scenario.unsaved', { name: builtIn?.name ?? doc.label });
}

/**
 * Built-in scenarios and My designs. Opening either opens a new document: the design that was
 * open stays in My designs (an unsaved built-in joins them with its first edit).
 */
export function ScenarioMenu() {
  const t = useT();
  const locale = useLocale();
  const doc = useAppStore((s) => s.doc);
  const origin = useAppStore((s) => s.origin);
  const library = useAppStore((s) => s.library);
  const open = (value: string) => {
    if (value.startsWith(DESIGN)) openLibraryDesign(value.slice(DESIGN.length));
    else if (value) openBuiltIn(value);
  };
  const value = valueOf(doc, origin);
  const builtIn = catalog.find((e) => e.id === value);
  const design = value.startsWith(DESIGN)
    ? library.find((d) => DESIGN + d.id === value)
    : undefined;
  // The shown name is cut with an ellipsis (the toolbar keeps one row): the full name is the
  // select's tooltip.
  const shown = design
    ? design.name
    : builtIn
      ? builtIn.ok
        ? (builtInTextIn(locale, builtIn.id)?.name ?? builtIn.name)
        : t('toolbar.scenario.invalid', { name: builtIn.name })
      : unsavedLabel(doc, origin, locale, t);
  return (
    <label className="field field--name" title={t('toolbar.scenario.title')}>
      <select
        className="select select--wide select--name"
        aria-label={t('toolbar.scenario')}
        title={shown}
        value={value}
        onChange={(e) => open(e.target.value)}
        data-testid="scenario-menu"
      >
        <option value="" disabled>
          {unsavedLabel(doc, origin, locale, t)}
        </option>
        <optgroup label={t('toolbar.scenario.builtIns')}>
          {catalog.map((e) => (
            <option key={e.id} value={e.id}>
              {e.ok
                ? (builtInTextIn(locale, e.id)?.name ?? e.name)
                : t('toolbar.scenario.invalid', { name: e.name })}
            </option>
          ))}
        </optgroup>
        {library.length > 0 && (
          <optgroup label={t('toolbar.designs')} data-testid="my-designs-group">
            {library.map((d) => (
              <option key={d.id} value={DESIGN + d.id}>
                {d.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}
