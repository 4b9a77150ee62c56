import { Transform } from 'class-transformer';
import { IsNotEmpty, Matches, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const OPTIONAL_ID = /^(|[1-9]\d{0,14})$/;

export class ActionItemDto {
  @MaxLength(2000, { message: 'Die Beschreibung darf höchstens 2.000 Zeichen lang sein.' })
  @IsNotEmpty({ message: 'Bitte beschreiben Sie die Aufgabe.' })
  @Transform(trim)
  what: string;

  @Matches(OPTIONAL_ID, { message: 'Bitte einen Tagesordnungspunkt aus der Liste wählen.' })
  agendaItemId: string;

  @Matches(OPTIONAL_ID, { message: 'Bitte eine Person aus der Liste wählen.' })
  responsiblePersonId: string;

  @Matches(OPTIONAL_ID, { message: 'Bitte eine Organisation aus der Liste wählen.' })
  responsibleOrganisationId: string;

  /** Checked further by parseLocalDate in the controller (real dates, German or ISO format). */
  @MaxLength(20, { message: 'Bitte das Datum im Format TT.MM.JJJJ angeben.' })
  @Transform(trim)
  dueDate: string;
}
