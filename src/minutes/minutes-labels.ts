import type { ActionItemStatus } from './action-item.entity.js';
import type { DecisionResult } from './decision.entity.js';
import type { MinutesStatus } from './minutes.entity.js';

/** German labels for stored codes. The UI never shows a code. */
export const MINUTES_STATUS_LABELS: Record<MinutesStatus, string> = {
  draft: 'Entwurf',
  circulated: 'Verschickt, noch nicht genehmigt',
  approved: 'Genehmigt',
};

export const DECISION_RESULT_LABELS: Record<DecisionResult, string> = {
  adopted: 'angenommen',
  rejected: 'abgelehnt',
  postponed: 'vertagt',
};

export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: 'offen',
  done: 'erledigt',
};
