import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, Matches, MaxLength } from 'class-validator';
import { DECISION_RESULTS } from '../decision.entity.js';

const COUNT = /^(|\d{1,4})$/;
const COUNT_MESSAGE = 'Bitte eine ganze Zahl ab 0 eingeben (oder das Feld leer lassen).';
const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class DecisionDto {
  @Matches(/^[1-9]\d{0,14}$/, { message: 'Bitte einen Tagesordnungspunkt wählen.' })
  agendaItemId: string;

  @MaxLength(20_000, { message: 'Der Beschlusstext darf höchstens 20.000 Zeichen lang sein.' })
  @IsNotEmpty({ message: 'Bitte den Wortlaut des Beschlusses eingeben.' })
  @Transform(trim)
  text: string;

  @IsIn([...DECISION_RESULTS], { message: 'Bitte ein Ergebnis wählen.' })
  result: string;

  @IsIn(['', 'on'], { message: 'Bitte setzen oder entfernen Sie das Häkchen.' })
  unanimous: string;

  @Matches(COUNT, { message: COUNT_MESSAGE })
  @Transform(trim)
  votesYes: string;

  @Matches(COUNT, { message: COUNT_MESSAGE })
  @Transform(trim)
  votesNo: string;

  @Matches(COUNT, { message: COUNT_MESSAGE })
  @Transform(trim)
  votesAbstain: string;
}
