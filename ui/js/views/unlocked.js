// The screens of an open vault, by the names main.js shows them under. main.js loads this
// module when a vault is first opened (or its key is being derived), not with the page.
import * as recovery from './recovery.js';
import * as home from './home.js';
import * as settings from './settings.js';
import * as cards from './cards.js';
import * as people from './people.js';
import * as profileCard from './profile-card.js';
import * as exchange from './exchange.js';
import * as plans from './plans.js';
import * as suggest from './suggest.js';
import * as now from './now.js';
import * as timer from './timer.js';
import * as history from './history.js';
import * as insights from './insights.js';
import * as followup from './followup.js';
import * as support from './support.js';
import * as newPassphrase from './new-passphrase.js';
import * as space from './space.js';
import * as bodyCare from './body-care.js';

export const views = {
  recovery, home, settings, suggest,
  cards, 'card-edit': { mount: cards.mountEdit },
  people, profile: { mount: people.mountEdit }, 'profile-card': profileCard,
  share: { mount: exchange.mountShare }, receive: { mount: exchange.mountReceive },
  plans, plan: { mount: plans.mountEdit },
  now, timer, history, insights, session: { mount: history.mountDetail }, followup, support,
  grounding: { mount: followup.mountGrounding }, 'new-passphrase': newPassphrase, space,
  'body-care': bodyCare,
};
