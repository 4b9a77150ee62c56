import type { Response } from 'express';
import { Equals } from 'class-validator';
import { defineForm, type FormSpec, formView, readForm, renderInvalid, validateForm } from './form.js';

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

/** A page that asks for the tick of a confirmForm(): its form, its view and the view model (pageTitle included). */
export interface ConfirmPage {
  spec: FormSpec<'confirm'>;
  view: string;
  model: { pageTitle: string } & Record<string, unknown>;
}

/** GET: the confirmation page with the checkbox not ticked. */
export function renderConfirmPage(res: Response, page: ConfirmPage): void {
  res.render(page.view, { ...page.model, form: formView(page.spec) });
}

/**
 * POST: without the tick the page again with 422 and the message at the checkbox, and nothing changes;
 * with it `action` runs and the answer is a 303 redirect to `next`.
 */
export async function submitConfirmed(res: Response, page: ConfirmPage, body: unknown, action: () => Promise<unknown>, next: string): Promise<void> {
  const values = readForm(page.spec, body);
  const result = await validateForm(page.spec, ConfirmDto, values);
  if (!result.ok) return renderInvalid(res, page.view, page.spec, values, result.errors, page.model);
  await action();
  res.redirect(303, next);
}
