import { IsNotEmpty, MaxLength } from 'class-validator';

export class DevicePasswordDto {
  @IsNotEmpty({ message: 'Bitte geben Sie dem Gerät einen Namen, z. B. „iPhone“.' })
  @MaxLength(60, { message: 'Der Name darf höchstens 60 Zeichen lang sein.' })
  name: string;
}
