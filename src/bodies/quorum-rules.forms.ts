import { defineForm } from '../common/forms/form.js';
import { QUORUM_RULE_KIND_LABELS } from './quorum.js';
import { QUORUM_RULE_KINDS } from './quorum-rule.entity.js';

export const QUORUM_RULE_FORM = defineForm('beschlussfaehigkeit', {
  kind: {
    label: 'Beschlussfähig ist das Gremium, wenn anwesend oder vertreten sind:',
    control: 'select',
    required: true,
    options: QUORUM_RULE_KINDS.map((k) => ({ value: k, label: QUORUM_RULE_KIND_LABELS[k] })),
  },
  value: {
    label: 'Prozentsatz oder Anzahl',
    type: 'number',
    maxLength: 3,
    hint: 'Bei „Prozentsatz“ eine ganze Zahl von 1 bis 100, bei „feste Anzahl“ höchstens die Zahl der stimmberechtigten Mitglieder. Bei „mehr als die Hälfte“ leer lassen.',
  },
});
