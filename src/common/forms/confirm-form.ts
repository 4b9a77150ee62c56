import { Equals } from 'class-validator';
import { defineForm, type FormSpec } from './form.js';

/**
 * A confirmation checkbox for actions that remove something: the action needs the tick, so a
 * stray or forged empty POST changes nothing (422 with the message at the checkbox).
 */
export function confirmForm(id: string, label: string): FormSpec<'confirm'> {
  return defineForm(id, { confirm: { label, control: 'checkbox', required: true } });
}

export class ConfirmDto {
  @Equals('on', { message: 'Bitte bestätigen Sie mit dem Häkchen, dass Sie das wirklich wollen.' })
  confirm: string;
}
