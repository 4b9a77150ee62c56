import { IsIn, IsNotEmpty, Matches, MaxLength } from 'class-validator';
import { optionalText, parseGermanDate } from '../../common/forms/field-formats.js';
import { IsGermanDate, IsOptionalId, NotBeforeDate, Trim } from '../../common/forms/format-validators.js';
import { MEMBERSHIP_ROLES, type MembershipRole } from '../membership.entity.js';

export interface MembershipInput {
  role: MembershipRole;
  votingRight: boolean;
  onBehalfOfId: number | null;
  startDate: string | null;
  endDate: string | null;
  note: string | null;
}

const DATE_MESSAGE = 'Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein, z. B. 01.03.2026.';

export class MembershipDto {
  @IsIn([...MEMBERSHIP_ROLES], { message: 'Bitte wählen Sie eine Rolle.' })
  role: string;

  @IsIn(['', 'on'], { message: 'Bitte setzen oder entfernen Sie das Häkchen.' })
  votingRight: string;

  @IsOptionalId({ message: 'Bitte wählen Sie eine Organisation aus der Liste.' })
  onBehalfOfId: string;

  @IsGermanDate({ message: DATE_MESSAGE })
  startDate: string;

  @IsGermanDate({ message: DATE_MESSAGE })
  @NotBeforeDate('startDate', { message: 'Das Ende darf nicht vor dem Beginn liegen.' })
  endDate: string;

  @MaxLength(200, { message: 'Die Anmerkung darf höchstens 200 Zeichen lang sein.' })
  note: string;
}

export class NewMembershipDto extends MembershipDto {
  @Matches(/^[1-9]\d{0,14}$/, { message: 'Bitte wählen Sie eine Person aus der Liste.' })
  personId: string;
}

export class EndMembershipDto {
  @Trim()
  @IsNotEmpty({ message: 'Bitte geben Sie das Ende der Mitgliedschaft ein.' })
  @IsGermanDate({ message: DATE_MESSAGE })
  endDate: string;
}

export function membershipInput(dto: MembershipDto): MembershipInput {
  return {
    role: dto.role as MembershipRole,
    votingRight: dto.votingRight === 'on',
    onBehalfOfId: dto.onBehalfOfId === '' ? null : Number(dto.onBehalfOfId),
    startDate: parseGermanDate(dto.startDate),
    endDate: parseGermanDate(dto.endDate),
    note: optionalText(dto.note),
  };
}
