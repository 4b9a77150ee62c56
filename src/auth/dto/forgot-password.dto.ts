import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, MaxLength } from 'class-validator';

/** "Passwort vergessen": only the form of the address is checked, never whether an account has it. */
export class ForgotPasswordDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsNotEmpty({ message: 'Bitte geben Sie Ihre E-Mail-Adresse ein.' })
  @MaxLength(254, { message: 'Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein.' })
  @IsEmail({}, { message: 'Bitte geben Sie eine E-Mail-Adresse wie name@example.org ein.' })
  email: string;
}
