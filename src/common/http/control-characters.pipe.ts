import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL. No form field or
 * filter means them; PostgreSQL cannot store NUL at all (a 500), and calendar and vCard text must not
 * contain them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The text without control characters (tab, line feed and carriage return are kept). */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/** Strings anywhere in a parsed body or query (arrays, nested objects) without control characters; changed in place. */
export function stripControlCharacters(value: unknown): unknown {
  if (typeof value === 'string') return withoutControlCharacters(value);
  if (typeof value !== 'object' || value === null) return value;
  for (const key of Object.keys(value)) {
    const inner = (value as Record<string, unknown>)[key];
    const cleaned = stripControlCharacters(inner);
    // defineProperty, not assignment: a key "__proto__" (JSON) must stay a plain property
    if (cleaned !== inner) Object.defineProperty(value, key, { value: cleaned, writable: true, enumerable: true, configurable: true });
  }
  return value;
}

/**
 * Global pipe (configureApp): every @Body() and @Query() a controller receives is free of control
 * characters, so no form or filter can store or search for them. Route parameters are left alone
 * (IdParamPipe and the token checks refuse anything odd).
 */
@Injectable()
export class ControlCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'body' || metadata.type === 'query' ? stripControlCharacters(value) : value;
  }
}
