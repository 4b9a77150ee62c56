/**
 * THE FORM PATTERN — how every HTML form in this app is built, validated and re-rendered.
 *
 * 1. Describe the fields once (labels, input types, autocomplete, hints) with defineForm():
 *      export const PERSON_FORM = defineForm('person', {
 *        givenName: { label: 'Vorname', required: true, autocomplete: 'given-name' },
 *        kind: { label: 'Art', control: 'select', options: [{ value: 'ngo', label: 'Freier Träger' }] },
 *        note: { label: 'Notiz', control: 'textarea', rows: 4 },
 *        isPublic: { label: 'Öffentlich', control: 'checkbox' },
 *        secret: { label: 'Passwort', type: 'password', keepValue: false },
 *      });
 * 2. Write a class-validator DTO with German messages (src/<module>/dto/*.dto.ts). The first failing
 *    decorator in reading order gives the field's message. Values arrive as strings (checkbox: 'on' or '');
 *    give every property at least one decorator (@IsOptional() / @Allow() if nothing else): undecorated
 *    properties are stripped (whitelist). @SameAs('other', …) (same-as.ts) compares two fields.
 * 3. GET handler: `form: formView(PERSON_FORM, initialValues)` into the view model.
 *    POST handler (use @Res() and render or redirect yourself):
 *      const values = readForm(PERSON_FORM, body);
 *      const result = await validateForm(PERSON_FORM, CreatePersonDto, values);
 *      if (!result.ok) return renderInvalid(res, 'people/new', PERSON_FORM, values, result.errors, model);
 *      try { await this.people.create(viewer, result.value); }
 *      catch (e) { if (e instanceof FormRejected) return renderInvalid(..., e.errors, model); throw e; }
 *      res.redirect(303, '/personen/…');
 *    submitForm(res, { validated: result, save, invalid }) does the try/catch and the redirect for you:
 *    `save` writes and returns the redirect target, `invalid` is the renderInvalid(...) call.
 *    renderInvalid answers 422 with the same view, every typed value kept (except keepValue: false),
 *    per-field messages and `pageTitle` prefixed with "Fehler: ".
 *    Services throw FormRejected({ field: 'German message' }) for rule violations found after
 *    validation (e.g. "email already taken"); they render nothing.
 * 4. Template:
 *      {{> forms/errors form=form}}                 error summary (role=alert) linking to the fields
 *      <form method="post" action="…" novalidate>
 *        {{> csrf}}                                 hidden CSRF token, REQUIRED in every POST form
 *        {{> forms/input field=form.fields.givenName}}
 *        {{> forms/select field=form.fields.kind}}
 *        {{> forms/textarea field=form.fields.note}}
 *        {{> forms/checkbox field=form.fields.isPublic}}
 *        <button type="submit">Speichern</button>
 *      </form>
 *    Each partial renders label, value, hint and error with ids for aria-describedby and
 *    aria-invalid; templates compute nothing.
 */
import type { Response } from 'express';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

export type FieldControl = 'input' | 'select' | 'textarea' | 'checkbox';
export type InputType = 'text' | 'email' | 'password' | 'tel' | 'url' | 'date' | 'time' | 'number' | 'datetime-local' | 'search';

export interface SelectOption {
  value: string;
  label: string;
}

export interface FieldSpec {
  label: string;
  /** Default 'input'. */
  control?: FieldControl;
  /** For inputs; default 'text'. */
  type?: InputType;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  /** false: the value is never sent back to the browser (passwords). Default true. */
  keepValue?: boolean;
  /** Static options of a select; dynamic ones are passed to formView(). */
  options?: SelectOption[];
  /** Text of an empty first option of a select ("Bitte wählen"); none when unset. */
  emptyOption?: string;
  rows?: number;
  maxLength?: number;
}

export interface FormSpec<K extends string> {
  readonly id: string;
  readonly fields: Readonly<Record<K, FieldSpec>>;
}

/** What was submitted, field by field, as strings; a checkbox is 'on' or ''. */
export type FormValues<K extends string> = Record<K, string>;

/** German messages by field. */
export type FormErrors<K extends string> = Partial<Record<K, string>>;

export interface OptionView {
  value: string;
  label: string;
  selected: boolean;
}

/** Everything a field partial needs; nothing is computed in the template. */
export interface FieldView {
  id: string;
  name: string;
  label: string;
  type: InputType;
  isInput: boolean;
  isSelect: boolean;
  isTextarea: boolean;
  isCheckbox: boolean;
  value: string;
  checked: boolean;
  options: OptionView[];
  hint: string | null;
  hintId: string | null;
  error: string | null;
  errorId: string | null;
  /** Space-separated ids for aria-describedby, or null. */
  describedBy: string | null;
  invalid: boolean;
  required: boolean;
  autocomplete: string | null;
  rows: number | null;
  maxLength: number | null;
}

export interface FormErrorLink {
  href: string;
  message: string;
}

export interface FormView<K extends string> {
  id: string;
  fields: Record<K, FieldView>;
  /** For the error summary, in field order. */
  errorList: FormErrorLink[];
  hasErrors: boolean;
}

const MAXLENGTH_TYPES: ReadonlySet<InputType> = new Set<InputType>(['text', 'email', 'password', 'search', 'tel', 'url']);

/** Declares a form; `id` prefixes the element ids (unique per page). */
export function defineForm<K extends string>(id: string, fields: Record<K, FieldSpec>): FormSpec<K> {
  return { id, fields };
}

function fieldNames<K extends string>(spec: FormSpec<K>): K[] {
  return Object.keys(spec.fields) as K[];
}

/**
 * Reads the spec's fields from a urlencoded body. Anything that is not a string (missing, arrays
 * from `name[]=`, objects) becomes '' — never an exception. Unknown keys are dropped.
 */
export function readForm<K extends string>(spec: FormSpec<K>, body: unknown): FormValues<K> {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values = {} as FormValues<K>;
  for (const name of fieldNames(spec)) {
    const raw = Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
    const text = typeof raw === 'string' ? raw : '';
    values[name] = spec.fields[name].control === 'checkbox' ? (text === '' ? '' : 'on') : text;
  }
  return values;
}

/** Builds the view of a form from values (e.g. the entity being edited, or what was typed) and errors. */
export function formView<K extends string>(
  spec: FormSpec<K>,
  values: Partial<Record<K, string | boolean | number | null>> = {},
  errors: FormErrors<K> = {},
  dynamicOptions: Partial<Record<K, SelectOption[]>> = {},
): FormView<K> {
  const fields = {} as Record<K, FieldView>;
  const errorList: FormErrorLink[] = [];
  for (const name of fieldNames(spec)) {
    const f = spec.fields[name];
    const control = f.control ?? 'input';
    const id = `${spec.id}-${name}`;
    const raw = values[name];
    const value = f.keepValue === false || raw === undefined || raw === null || typeof raw === 'boolean' ? '' : String(raw);
    const checked = raw === true || raw === 'on';
    const error = errors[name] ?? null;
    const hintId = f.hint ? `${id}-hinweis` : null;
    const errorId = error ? `${id}-fehler` : null;
    const describedBy = [hintId, errorId].filter((x): x is string => x !== null).join(' ') || null;
    // A required select starts with an empty placeholder (HTML requires it, and nothing is chosen by accident).
    const emptyOption = f.emptyOption ?? (control === 'select' && f.required ? 'Bitte wählen' : undefined);
    const options = [
      ...(emptyOption !== undefined ? [{ value: '', label: emptyOption }] : []),
      ...(dynamicOptions[name] ?? f.options ?? []),
    ].map((o) => ({ ...o, selected: o.value === value }));
    fields[name] = {
      id,
      name,
      label: f.label,
      type: f.type ?? 'text',
      isInput: control === 'input',
      isSelect: control === 'select',
      isTextarea: control === 'textarea',
      isCheckbox: control === 'checkbox',
      value,
      checked,
      options,
      hint: f.hint ?? null,
      hintId,
      error,
      errorId,
      describedBy,
      invalid: error !== null,
      required: f.required ?? false,
      autocomplete: f.autocomplete ?? null,
      rows: f.rows ?? (control === 'textarea' ? 5 : null),
      // maxlength is allowed on text-like inputs and textareas only (not on number, date, time).
      maxLength: control === 'textarea' || (control === 'input' && MAXLENGTH_TYPES.has(f.type ?? 'text')) ? (f.maxLength ?? null) : null,
    };
    if (error) errorList.push({ href: `#${id}`, message: error });
  }
  return { id: spec.id, fields, errorList, hasErrors: errorList.length > 0 };
}

export type ValidationResult<K extends string, T> = { ok: true; value: T } | { ok: false; errors: FormErrors<K> };

/**
 * Validates the values with a class-validator DTO. On success `value` is the DTO instance (after its
 * @Transform()s); on failure one German message per field — the first failing decorator in reading order.
 */
export async function validateForm<K extends string, T extends object>(
  spec: FormSpec<K>,
  dto: new () => T,
  values: FormValues<K>,
): Promise<ValidationResult<K, T>> {
  const instance = plainToInstance(dto, { ...values });
  const problems = await validate(instance, { whitelist: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (problems.length === 0) return { ok: true, value: instance };
  const errors: FormErrors<K> = {};
  const known = new Set<string>(fieldNames(spec));
  for (const p of problems) {
    // class-validator lists constraints in registration order, i.e. bottom decorator first
    const messages = Object.values(p.constraints ?? {}).reverse();
    if (known.has(p.property) && messages.length > 0) errors[p.property as K] = messages[0];
  }
  return { ok: false, errors };
}

/** Thrown by a service when a valid-looking form breaks a rule (e.g. "email already taken"). */
export class FormRejected extends Error {
  constructor(readonly errors: Record<string, string>) {
    super(`Form rejected: ${Object.keys(errors).join(', ')}`);
    this.name = 'FormRejected';
  }
}

/** "Fehler: Anmelden" — screen readers hear at once that the page came back with errors. */
export function pageTitleFor(title: string, form: { hasErrors: boolean }): string {
  return form.hasErrors ? `Fehler: ${title}` : title;
}

/**
 * Re-renders a form view with 422: `model` is the view model of the page (pageTitle included);
 * its `form` is replaced by the form with the typed values and the errors.
 */
export function renderInvalid<K extends string>(
  res: Response,
  view: string,
  spec: FormSpec<K>,
  values: Partial<Record<K, string>>,
  errors: FormErrors<K>,
  model: { pageTitle: string } & Record<string, unknown>,
  dynamicOptions: Partial<Record<K, SelectOption[]>> = {},
  status = 422,
): void {
  const form = formView(spec, values, errors, dynamicOptions);
  res.status(status).render(view, { ...model, form, pageTitle: pageTitleFor(model.pageTitle, form) });
}

/** The POST half of the form pattern, for submitForm(). */
export interface FormSubmission<K extends string, T> {
  /** What validateForm() returned, or a handler's own check in the same shape. */
  validated: ValidationResult<K, T>;
  /** Writes the valid value (services throw FormRejected for broken rules) and returns where to go next. */
  save: (value: T) => Promise<string>;
  /** Shows the form again with the errors, usually renderInvalid() (422, typed values kept). */
  invalid: (errors: FormErrors<K>) => void | Promise<void>;
}

/**
 * Step 3 of the form pattern after readForm() and validateForm(): invalid values or a FormRejected from
 * `save` go to `invalid`; otherwise `save` runs and the answer is a 303 redirect to what it returned.
 * Any other exception (404, 403 …) passes through.
 */
export async function submitForm<K extends string, T>(res: Response, submission: FormSubmission<K, T>): Promise<void> {
  const { validated, save, invalid } = submission;
  if (!validated.ok) return invalid(validated.errors);
  let next: string;
  try {
    next = await save(validated.value);
  } catch (e) {
    if (e instanceof FormRejected) return invalid(e.errors as FormErrors<K>);
    throw e;
  }
  res.redirect(303, next);
}
