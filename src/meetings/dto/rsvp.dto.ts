import { IsIn } from 'class-validator';
import { IsOptionalId } from '../../common/forms/format-validators.js';

export class RsvpDto {
  @IsIn(['accepted', 'tentative', 'declined'], { message: 'Bitte wählen Sie Ihre Antwort.' })
  response: string;

  @IsOptionalId({ message: 'Bitte eine Vertretung aus der Liste wählen.' })
  deputyPersonId: string;
}
