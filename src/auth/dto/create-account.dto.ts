import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, Matches, MaxLength } from 'class-validator';

export class CreateAccountDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsNotEmpty({ message: 'Bitte geben Sie eine E-Mail-Adresse ein.' })
  @MaxLength(254, { message: 'Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein.' })
  @IsEmail({ require_tld: false, allow_utf8_local_part: true }, { message: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org.' })
  email: string;

  /** '' = no person; else a person's id. */
  @Matches(/^(|[1-9]\d{0,14})$/, { message: 'Bitte wählen Sie eine Person aus der Liste.' })
  personId: string;

  @IsIn(['', 'on'], { message: 'Bitte setzen oder entfernen Sie das Häkchen.' })
  isAdmin: string;
}
