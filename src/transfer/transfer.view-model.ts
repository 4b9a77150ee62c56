import { defineForm } from '../common/forms/form.js';
import type { ImportKind } from './import-draft.entity.js';
import type { ImportPlan, RowStatus } from './import-plan.js';

export const KIND_LABELS: Record<ImportKind, string> = { people: 'Personen', organisations: 'Organisationen', memberships: 'Mitgliedschaften' };
export const KIND_SLUGS: Record<ImportKind, string> = { people: 'personen', organisations: 'organisationen', memberships: 'mitgliedschaften' };

export function kindFromSlug(slug: string): ImportKind | undefined {
  return (Object.keys(KIND_SLUGS) as ImportKind[]).find((k) => KIND_SLUGS[k] === slug);
}

export const IMPORT_FORM = defineForm('import', {
  kind: {
    label: 'Was wird importiert?',
    control: 'select',
    required: true,
    emptyOption: 'Bitte wählen',
    options: (['people', 'organisations', 'memberships'] as const).map((k) => ({ value: k, label: KIND_LABELS[k] })),
  },
});

const STATUS_LABELS: Record<RowStatus, string> = { new: 'neu', changed: 'geändert', unchanged: 'unverändert', error: 'Fehler' };

export interface PreviewRowView {
  line: number;
  label: string;
  statusLabel: string;
  isError: boolean;
  changes: { label: string; old: string; new: string }[];
  errors: string[];
}

export function previewView(plan: ImportPlan) {
  const count = (s: RowStatus): number => plan.rows.filter((r) => r.status === s).length;
  const errorCount = count('error');
  const canConfirm = plan.fileErrors.length === 0 && errorCount === 0 && plan.rows.some((r) => r.status === 'new' || r.status === 'changed');
  return {
    fileErrors: plan.fileErrors,
    summary: `${plan.rows.length} Zeilen: ${count('new')} neu, ${count('changed')} geändert, ${count('unchanged')} unverändert, ${errorCount} mit Fehlern.`,
    hasErrors: plan.fileErrors.length > 0 || errorCount > 0,
    canConfirm,
    nothingToDo: !canConfirm && plan.fileErrors.length === 0 && errorCount === 0,
    rows: plan.rows.map(
      (r): PreviewRowView => ({
        line: r.line,
        label: r.label || '(ohne Namen)',
        statusLabel: r.existingMatch && r.status === 'changed' ? 'bereits vorhanden – aktualisieren?' : r.existingMatch && r.status === 'unchanged' ? 'bereits vorhanden, unverändert' : STATUS_LABELS[r.status],
        isError: r.status === 'error',
        changes: r.status === 'error' ? [] : r.changes.map((c) => ({ label: c.label, old: c.old ?? '–', new: c.new ?? '–' })),
        errors: r.errors,
      }),
    ),
  };
}
