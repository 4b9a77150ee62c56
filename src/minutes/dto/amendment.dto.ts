import { Transform } from 'class-transformer';
import { IsNotEmpty, Matches, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class AmendmentDto {
  @Matches(/^(|[1-9]\d{0,14})$/, { message: 'Bitte einen Tagesordnungspunkt aus der Liste wählen.' })
  agendaItemId: string;

  @MaxLength(2000, { message: 'Der Grund darf höchstens 2.000 Zeichen lang sein.' })
  @IsNotEmpty({ message: 'Bitte den Grund der Berichtigung angeben.' })
  @Transform(trim)
  reason: string;

  @MaxLength(20_000, { message: 'Der Text darf höchstens 20.000 Zeichen lang sein.' })
  @IsNotEmpty({ message: 'Bitte den berichtigten Text eingeben.' })
  @Transform(trim)
  text: string;
}
