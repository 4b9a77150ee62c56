import { IsNotEmpty, MaxLength } from 'class-validator';
import { Trim } from '../../common/forms/format-validators.js';
import { TOPIC_NAME_MAX } from '../topics.forms.js';

export class TopicDto {
  @Trim()
  @IsNotEmpty({ message: 'Bitte geben Sie einen Namen ein.' })
  @MaxLength(TOPIC_NAME_MAX, { message: `Der Name darf höchstens ${TOPIC_NAME_MAX} Zeichen lang sein.` })
  name: string;
}
