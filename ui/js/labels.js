// Words the screens use for the core's values. Display only: the core owns the values.

export const CATEGORY = {
  touch: 'Touch',
  reassurance: 'Reassurance',
  practical: 'Practical care',
  conversation: 'Conversation',
  regulation: 'Calming',
  solo: 'Solo care',
  after_scene: 'After a scene',
};
export const CONTEXT = {
  tender: 'Everyday, tender',
  intense: 'New or intense',
  scene: 'A scene',
  solo: 'On my own',
};
export const ROLE = { top: 'Top', bottom: 'Bottom', switch: 'Switch' };
export const TOUCH = { none: 'No touch', light: 'Light touch', full: 'Full touch' };
export const TALK = { quiet: 'Quiet', some: 'Some talk', deep: 'Deep talk' };
export const ENERGY = { low: 'Low energy', medium: 'Some energy', high: 'More energy' };
export const NEED = { water: 'Water', snack: 'A snack', warmth: 'Warmth', shower: 'A shower' };
export const PATTERN = { box: 'Box breathing', cyclic_sighing: 'Cyclic sighing', resonance: 'Slow, even breathing' };
/** What went wrong, as the stop path offers to name it (never kept). */
export const MOMENT = {
  stop: 'A safeword or a stop',
  panic: 'A flashback or panic',
  pain: 'Pain or a small injury',
  barrier: 'A condom or barrier broke or slipped',
  not_to_plan: 'It didn\u2019t go to plan',
};
export const VERDICT = { helped: 'Helped', neutral: 'Neutral', not_for_me: 'Not for me' };
/** Support regions, in the order the core lists them. */
export const REGION = {
  us: 'United States', ca: 'Canada', gb: 'United Kingdom', ie: 'Ireland',
  au: 'Australia', nz: 'New Zealand', de: 'Germany',
};
/** What a support service is for. */
export const SUPPORT = {
  emergency: 'Emergency',
  crisis: 'Someone to talk to',
  sexual_violence: 'After sexual violence',
  domestic_abuse: 'Abuse from a partner or family',
  lgbtq: 'LGBTQ+ support',
  sexual_health: 'Sexual health',
  medical_advice: 'Medical advice, not an emergency',
};

/** A session's kind of moment, and whether it took the stop path. */
export const kindOf = (s) => (s.stopped ? `${CONTEXT[s.context]}, stopped` : CONTEXT[s.context]);

export const pairs = (labels) => Object.entries(labels);

/** How lists name a person: the device's owner as "You" (or "Robin (you)"), others by name. */
export const personLabel = (p) => (p.isMe ? (p.name === 'Me' ? 'You' : `${p.name} (you)`) : p.name);
