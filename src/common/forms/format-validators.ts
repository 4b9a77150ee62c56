import { Transform } from 'class-transformer';
import { isEmail, ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { normalisePhoneNumber, parseGermanDate } from './field-formats.js';

/**
 * class-validator decorators for the formats of field-formats.ts. Each accepts an empty value
 * (combine with @IsNotEmpty for required fields) and takes the German message in `options`.
 */

function isBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length === 0;
}

/** TT.MM.JJJJ or JJJJ-MM-TT, a date that exists. */
export function IsGermanDate(options: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isGermanDate', validator: { validate: (v: unknown) => isBlank(v) || (typeof v === 'string' && parseGermanDate(v) !== null) } }, options);
}

/** A phone number libphonenumber accepts as valid (national numbers read as German). */
export function IsPhone(options: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isPhone', validator: { validate: (v: unknown) => isBlank(v) || (typeof v === 'string' && normalisePhoneNumber(v) !== null) } }, options);
}

/** An e-mail address (international characters allowed). */
export function IsEmailAddress(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEmailAddress',
      validator: { validate: (v: unknown) => isBlank(v) || (typeof v === 'string' && isEmail(v.trim(), { allow_utf8_local_part: true, require_tld: true })) },
    },
    options,
  );
}

/** An empty value or a record id chosen from a list. */
export function IsOptionalId(options: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isOptionalId', validator: { validate: (v: unknown) => typeof v === 'string' && /^(|[1-9]\d{0,14})$/.test(v) } }, options);
}

/** A date not before the date in another field (both optional; checked only when both are valid). */
export function NotBeforeDate(property: string, options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notBeforeDate',
      constraints: [property],
      validator: {
        validate(value: unknown, args?: ValidationArguments): boolean {
          const other = args ? (args.object as Record<string, unknown>)[String(args.constraints[0])] : undefined;
          if (typeof value !== 'string' || typeof other !== 'string') return true;
          const end = parseGermanDate(value);
          const start = parseGermanDate(other);
          return end === null || start === null || end >= start;
        },
      },
    },
    options,
  );
}

/** Trims a string value before validation (so "   " counts as empty for @IsNotEmpty). */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
}
