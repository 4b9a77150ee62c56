import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

export class BodyMailSettingsDto {
  /** '' = the configured default; else 0–60 days. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @Matches(/^(|[0-9]|[1-5][0-9]|60)$/, { message: 'Bitte eine ganze Zahl von 0 bis 60 eingeben oder das Feld leer lassen.' })
  reminderDaysBefore: string;
}
