import { Transform } from 'class-transformer';
import { IsNotEmpty, MaxLength } from 'class-validator';

/** Only presence is checked; every wrong email gets the same answer as a wrong password. */
export class LoginDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsNotEmpty({ message: 'Bitte geben Sie Ihre E-Mail-Adresse ein.' })
  @MaxLength(254, { message: 'Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein.' })
  email: string;

  @IsNotEmpty({ message: 'Bitte geben Sie Ihr Passwort ein.' })
  @MaxLength(1024, { message: 'Das Passwort ist zu lang.' })
  password: string;
}
