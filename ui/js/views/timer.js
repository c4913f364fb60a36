// A running timer: countdown or paced breathing. Rust owns the time; this screen asks
// what to show a few times a second and gives a soft signal when a breathing phase changes
// and when the time is up.
//
// Which signal, from Settings: `sound` is a tone at each phase change and at the end,
// eyes open or closed (off by default); `eyesClosedTone` is a tone at the end in
// eyes-closed mode (on by default, since most computers cannot vibrate and nothing else
// would say the time is up); `haptics` adds a short vibration where the device has one.
//
// When the time is up or the timer is stopped, what no longer applies goes away, the
// screen says so, and "Back to the session" leads and takes the focus.
import { el, screen, showError } from '../dom.js';

const CUE = { in: 'Breathe in', top_up: 'A little more in', hold: 'Hold', out: 'Breathe out slowly', rest: 'Rest' };
const DEFAULTS = { sound: false, eyesClosedTone: true, haptics: true };

function mmss(ms, round = Math.ceil) {
  const total = round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * What the timer (and the "Calm now" pacer, `calmTones`) signalled, as counts only
 * (nothing about the person or the timer), so the tests can tell a tone was played where
 * no one can listen.
 */
export const signals = (globalThis.__tendSignals ??= { endTones: 0, phaseTones: 0, calmTones: 0, vibrations: 0, audio: 'unused' });

let audio = null;
/** The one audio context, made (or woken) on demand; null where there is no WebAudio. */
function audioContext() {
  try {
    const Context = globalThis.AudioContext ?? globalThis.webkitAudioContext;
    if (!Context) {
      signals.audio = 'unavailable';
      return null;
    }
    if (!audio) {
      audio = new Context();
      audio.addEventListener('statechange', () => { signals.audio = audio.state; });
    }
    // Engines start audio suspended until a tap; resuming inside one lets later tones play.
    if (audio.state === 'suspended') audio.resume().catch(() => {});
    signals.audio = audio.state;
    return audio;
  } catch {
    signals.audio = 'unavailable';
    return null;
  }
}

/**
 * A soft, short sine tone made on the spot (no audio files): a slow rise, a long fade,
 * quiet. `at` delays it by that many seconds. Returns whether it was started.
 */
export function softTone(frequency = 432, seconds = 0.6, at = 0) {
  const ctx = audioContext();
  if (!ctx) return false;
  try {
    const start = ctx.currentTime + at;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.06, start + Math.min(0.15, seconds / 3));
    gain.gain.exponentialRampToValueAtTime(0.0001, start + seconds);
    osc.connect(gain).connect(ctx.destination);
    osc.onended = () => { osc.disconnect(); gain.disconnect(); };
    osc.start(start);
    osc.stop(start + seconds + 0.05);
    return true;
  } catch {
    return false; // no audio device: stay silent
  }
}

/** A phase change: one short, high-ish note. */
function phaseTone() {
  if (softTone(440, 0.5)) signals.phaseTones += 1;
}

/** The end: two longer notes, falling, so it differs from a phase change. */
function endTone() {
  const first = softTone(440, 1.0);
  const second = softTone(330, 1.4, 0.7);
  if (first || second) signals.endTones += 1;
}

function vibrate(pattern) {
  if (typeof navigator.vibrate !== 'function') return;
  try {
    if (navigator.vibrate(pattern)) signals.vibrations += 1;
  } catch { /* not allowed here: stay still */ }
}

export async function mount(root, { api, app, signal }, { id, session = null } = {}) {
  let settings = { ...DEFAULTS };
  try { settings = { ...DEFAULTS, ...(await api.getSettings()) }; } catch { /* defaults */ }
  let timerId = id;
  if (!timerId) {
    const current = await api.currentTimer().catch(() => null);
    if (signal.aborted) return;
    if (!current) return app.show('home');
    timerId = current.id;
  }
  const mayTone = settings.sound || settings.eyesClosedTone;
  // Tones at every phase were asked for: have the audio ready from the start. Otherwise it
  // wakes in a tap on this screen (such as "Eyes closed"), and rests when the screen goes.
  if (settings.sound) audioContext();
  signal.addEventListener('abort', () => { if (audio?.state === 'running') audio.suspend().catch(() => {}); });

  const label = el('p', { class: 'timer-label' });
  const clock = el('p', { class: 'timer-clock', role: 'timer', 'aria-live': 'off' });
  const pacer = el('div', { class: 'pacer', 'aria-hidden': 'true' }, el('div', { class: 'pacer-dot' }));
  const cue = el('p', { class: 'pacer-cue', 'aria-live': 'polite' });
  const status = el('p', { class: 'timer-status', role: 'status' });
  const act = (action, minutes) => async () => {
    try {
      draw(await api.timerAction(timerId, action, minutes));
    } catch (error) {
      showError(status.parentElement, error);
    }
  };
  const pause = el('button', { type: 'button', text: 'Pause' });
  const plus1 = el('button', { type: 'button', text: '+1 min', on: { click: act('extend', 1) } });
  const plus5 = el('button', { type: 'button', text: '+5 min', on: { click: act('extend', 5) } });
  const stop = el('button', { type: 'button', text: 'Stop', on: { click: act('stop') } });
  const eyesButton = el('button', { type: 'button', text: 'Eyes closed', on: { click: () => enterEyes() } });
  // Back to the session the timer belongs to (without asking again whether to carry on);
  // a timer started on its own leads home. Rust's view says which session it is.
  let sessionId = session;
  const back = el('button', { type: 'button', class: 'quiet', text: 'Back to the session', dataset: { back: '' },
    on: { click: () => (sessionId ? app.show('now', { sessionId, from: 'timer' }) : app.show('home')) } });
  // The dark screen: its cue, and one button as large as the screen that leaves it. The cue
  // is not inside the button, so the button's name is what it does (the cue changes).
  const leave = el('button', { type: 'button', class: 'eyes-leave', 'aria-label': 'Leave eyes-closed mode', dataset: { back: '' } });
  const eyes = el('div', { class: 'eyes-closed', hidden: true }, el('p', { class: 'eyes-cue' }), leave);
  root.append(screen('timer', 'Timer', label, pacer, clock, cue, status,
    el('div', { class: 'actions timer-controls' }, pause, plus1, plus5, stop),
    el('div', { class: 'actions' }, eyesButton, back)),
  eyes);
  const section = root.querySelector('.timer');
  if (mayTone) section.addEventListener('pointerdown', () => audioContext());

  let ended = false;
  let endFocused = false;
  function enterEyes() {
    if (mayTone) audioContext(); // inside the tap, so the tone at the end can play
    eyes.hidden = false;
    leave.focus();
  }
  function leaveEyes() {
    if (eyes.hidden) return;
    eyes.hidden = true;
    if (ended) focusBack();
    else eyesButton.focus();
  }
  function focusBack() {
    endFocused = true;
    back.focus();
  }
  eyes.addEventListener('click', leaveEyes);
  eyes.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      leaveEyes();
    }
  });

  let lastPhase = null;
  let lastStatus = null;
  function chime(end) {
    const eyesClosed = !eyes.hidden;
    if (settings.sound || (end && eyesClosed && settings.eyesClosedTone)) {
      if (end) endTone();
      else phaseTone();
    }
    if (settings.haptics) vibrate(end ? [60, 80, 60] : 30);
  }
  /** Shows or hides a control, and keeps a hidden one from acting. */
  function offer(button, shown) {
    button.hidden = !shown;
    button.disabled = !shown;
  }
  function draw(v) {
    ended = v.status === 'finished' || v.status === 'stopped';
    label.textContent = v.label || (v.kind.kind === 'breathing' ? 'Paced breathing' : 'Countdown');
    // Stopped: the time it ran; finished: 0:00; otherwise what remains.
    clock.textContent = v.status === 'stopped' ? mmss(v.elapsedMs, Math.floor) : mmss(v.remainingMs);
    pause.textContent = v.status === 'paused' ? 'Resume' : 'Pause';
    pause.onclick = act(v.status === 'paused' ? 'resume' : 'pause');
    offer(pause, !ended);
    offer(stop, !ended);
    offer(eyesButton, !ended);
    // Time that is up can still be given a little more; a stopped timer cannot.
    offer(plus1, v.status !== 'stopped');
    offer(plus5, v.status !== 'stopped');
    back.className = ended ? 'primary' : 'quiet';
    section.dataset.status = v.status;
    const words = {
      running: '',
      paused: 'Paused.',
      finished: 'Time is up. Take your time.',
      stopped: `Stopped after ${mmss(v.elapsedMs, Math.floor)}.`,
    };
    if (status.textContent !== words[v.status]) status.textContent = words[v.status];
    pacer.hidden = !v.phase;
    if (v.phase) {
      const p = v.phase.progress / 1000;
      const size = { in: p, top_up: 1, hold: 1, out: 1 - p, rest: 0 }[v.phase.breath];
      pacer.style.setProperty('--breath', String(0.35 + 0.65 * size));
      cue.textContent = CUE[v.phase.breath];
      eyes.firstChild.textContent = CUE[v.phase.breath];
      if (lastPhase !== null && v.phase.index !== lastPhase) chime(false);
      lastPhase = v.phase.index;
    } else {
      cue.textContent = '';
      eyes.firstChild.textContent = { finished: 'Time is up.', stopped: 'Stopped.' }[v.status] ?? '';
    }
    if (lastStatus === 'running' && v.status === 'finished') chime(true);
    lastStatus = v.status;
    // The way back leads once the timer is over; with eyes closed, when they open.
    if (!ended) endFocused = false;
    else if (!endFocused && eyes.hidden) focusBack();
  }
  // A running timer on a visible screen counts as being here: a ten-minute cuddle should
  // not be cut short by the idle lock. Hiding the window still locks as usual.
  let lastActivity = 0;
  async function tick() {
    if (signal.aborted) return; // another screen took over

    try {
      const v = await api.timerView(timerId);
      if (signal.aborted) return;
      sessionId = v.session ?? sessionId;
      back.textContent = sessionId ? 'Back to the session' : 'Home';
      if (v.status === 'running' && !document.hidden && Date.now() - lastActivity > 30000) {
        lastActivity = Date.now();
        api.reportActivity().catch(() => {});
      }
      draw(v);
    } catch (error) {
      if (error.code === 'locked') return; // the unlock screen takes over
      showError(status.parentElement, error);
      return;
    }
    setTimeout(tick, 250);
  }
  await tick();
}
