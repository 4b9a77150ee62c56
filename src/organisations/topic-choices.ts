import type { Topic } from './topic.entity.js';

/** The hidden field that says a form had the topic checkboxes (none ticked then means "no topics"). */
export const TOPICS_SHOWN_FIELD = 'topicsShown';
const FIELD = 'topicIds';
export const UNKNOWN_TOPIC = 'Ein gewähltes Thema gibt es nicht (mehr). Bitte wählen Sie aus der Liste.';

/** What a form submitted for its topic checkboxes. */
export interface SubmittedTopics {
  /** The ticked topic ids; undefined when the form had no topic checkboxes (leave the topics as they are). */
  ids: number[] | undefined;
  /** The ticked values as sent (to tick them again when the form comes back with errors). */
  raw: string[];
  /** German message when a value is no topic id. */
  error: string | null;
}

/** Reads the ticked topics of a submitted form (`topicIds`, one value per ticked box). */
export function readTopicIds(body: unknown): SubmittedTopics {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const value = source[FIELD];
  const raw = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string').slice(0, 200);
  if (source[TOPICS_SHOWN_FIELD] === undefined && raw.length === 0) return { ids: undefined, raw, error: null };
  if (raw.some((v) => !/^[1-9]\d{0,9}$/.test(v))) return { ids: undefined, raw, error: UNKNOWN_TOPIC };
  return { ids: [...new Set(raw.map(Number))], raw, error: null };
}

export interface TopicChoicesView {
  /** id prefix of the checkboxes and the error. */
  id: string;
  error: string | null;
  options: { id: string; value: string; label: string; checked: boolean }[];
}

/** The checkbox group "Themen und Angebote" with the given ids ticked. */
export function topicChoicesView(topics: Pick<Topic, 'id' | 'name'>[], ticked: readonly (string | number)[], id: string, error: string | null = null): TopicChoicesView {
  const set = new Set(ticked.map(String));
  return { id, error, options: topics.map((t) => ({ id: `${id}-${t.id}`, value: String(t.id), label: t.name, checked: set.has(String(t.id)) })) };
}
