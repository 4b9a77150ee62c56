import { IsNotEmpty, MaxLength } from 'class-validator';
import { Equals } from 'class-validator';
import { confirmForm } from '../common/forms/confirm-form.js';
import { defineForm } from '../common/forms/form.js';
import { IsGermanDate, Trim } from '../common/forms/format-validators.js';

export const CONSENT_FORM = defineForm('einwilligung', {
  consentDate: { label: 'Einwilligung erteilt am (TT.MM.JJJJ)', required: true, maxLength: 10, hint: 'Das Datum der schriftlichen oder mündlichen Einwilligung, z. B. 01.03.2026.' },
  note: { label: 'Wie wurde eingewilligt?', maxLength: 120, hint: 'z. B. „schriftlich, Formular vom Netzwerktreffen“. Wird mit Ihrem Namen gespeichert.' },
  confirm: {
    label: 'Die Person hat eingewilligt, dass ihre als „öffentlich“ markierten Kontaktdaten veröffentlicht werden.',
    control: 'checkbox',
    required: true,
  },
});

export class ConsentDto {
  @Trim()
  @IsNotEmpty({ message: 'Bitte geben Sie das Datum der Einwilligung ein.' })
  @IsGermanDate({ message: 'Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein, z. B. 01.03.2026.' })
  consentDate: string;

  @MaxLength(120, { message: 'Die Angabe darf höchstens 120 Zeichen lang sein.' })
  note: string;

  @Equals('on', { message: 'Bitte bestätigen Sie mit dem Häkchen, dass die Einwilligung vorliegt.' })
  confirm: string;
}

export const WITHDRAW_FORM = confirmForm('widerruf', 'Ja, die Person hat ihre Einwilligung widerrufen');
export const ERASE_FORM = confirmForm('loeschen', 'Ja, alle personenbezogenen Daten dieser Person unwiderruflich löschen');
