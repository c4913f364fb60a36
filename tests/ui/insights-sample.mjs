// "What seems to help" as Rust sends it (the shape of tests/contract/insights.json), with
// enough sessions to show every picture: Me and Sam, three sessions, a few answers.
import { reply } from './contract.mjs';

const [ME, SAM] = reply('list_profiles').map((p) => p.id);
const SID = reply('start_session').id;
const T = 1_700_000_000_000;

export const INSIGHTS = {
  ...reply('insights'),
  sessions: 4,
  enough: true,
  rituals: [
    { person: SAM, card: 'hold', title: 'Hold each other', tried: 3, helped: 2, neutral: 1, notForMe: 0 },
    { person: ME, card: 'water', title: 'A glass of water', tried: 4, helped: 1, neutral: 0, notForMe: 1 },
  ],
  moves: [
    { session: SID, person: ME, startedAtMs: T, before: { energy: 1.5, pleasantness: -2 }, after: { energy: -1, pleasantness: 1.5 } },
    { session: SID, person: SAM, startedAtMs: T, before: { energy: 0, pleasantness: 0 }, after: { energy: 0, pleasantness: 0 } },
  ],
  nextDay: [
    { session: SID, person: ME, context: 'scene', minutes: 45, categories: ['touch', 'practical'], feeling: { energy: -1, pleasantness: 1.5 }, low: false },
    { session: SID, person: SAM, context: 'tender', minutes: 5, categories: [], feeling: null, low: true },
  ],
  drop: [
    { afterHours: 24, answered: 3, someDrop: 1, low: 1 },
    { afterHours: 48, answered: 1, someDrop: 1, low: 1 },
  ],
};
