import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { confirmForm } from '../common/forms/confirm-form.js';
import { defineForm } from '../common/forms/form.js';
import { DOCUMENT_VISIBILITIES } from './document.entity.js';

export const VISIBILITY_LABELS = { public: 'Öffentlich (wenn Sitzung und Tagesordnungspunkt öffentlich sind)', members: 'Nur für angemeldete Mitglieder' } as const;

export const DOCUMENT_UPLOAD_FORM = defineForm('unterlage', {
  agendaItemId: { label: 'Gehört zu', control: 'select', hint: 'Allgemeine Unterlagen der Sitzung oder ein Tagesordnungspunkt.' },
  title: { label: 'Titel', maxLength: 200, hint: 'Leer lassen: der Dateiname wird der Titel. Bei mehreren Dateien erhält jede ihren Dateinamen als Titel.' },
  description: { label: 'Beschreibung', control: 'textarea', rows: 3, maxLength: 2000 },
  visibility: {
    label: 'Sichtbar für',
    control: 'select',
    options: DOCUMENT_VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABELS[v] })),
    hint: 'Unterlagen interner Sitzungen und nicht öffentlicher Tagesordnungspunkte sehen immer nur Mitglieder.',
  },
});
export type DocumentUploadField = keyof typeof DOCUMENT_UPLOAD_FORM.fields;

export class DocumentUploadDto {
  @IsOptional()
  @Matches(/^\d{0,9}$/, { message: 'Bitte wählen Sie einen Tagesordnungspunkt aus der Liste.' })
  agendaItemId: string;

  @IsOptional()
  @MaxLength(200, { message: 'Der Titel darf höchstens 200 Zeichen lang sein.' })
  title: string;

  @IsOptional()
  @MaxLength(2000, { message: 'Die Beschreibung darf höchstens 2000 Zeichen lang sein.' })
  description: string;

  @IsIn(DOCUMENT_VISIBILITIES, { message: 'Bitte wählen Sie, wer die Unterlage sehen darf.' })
  visibility: string;
}

export const DOCUMENT_REMOVE_FORM = confirmForm('unterlage-entfernen', 'Ja, diese Unterlage mit allen Fassungen entfernen');
