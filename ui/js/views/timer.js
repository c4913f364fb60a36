// A running timer: countdown or paced breathing. Rust owns the time; this screen asks
// what to show a few times a second and plays a soft tone or a short vibration (if the
// person turned them on) when a breathing phase changes and when the time is up.
import { el, screen, showError } from '../dom.js';

const CUE = { in: 'Breathe in', top_up: 'A little more in', hold: 'Hold', out: 'Breathe out slowly', rest: 'Rest' };

function mmss(ms) {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

let audio = null;
/** A soft, short sine tone made on the spot (no audio files). */
export function softTone(frequency = 432, seconds = 0.6) {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.08, audio.currentTime + 0.08);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + seconds);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + seconds);
  } catch { /* no audio device: stay silent */ }
}

export async function mount(root, { api, app, signal }, { id } = {}) {
  let settings = { sound: false, haptics: true };
  try { settings = await api.getSettings(); } catch { /* defaults */ }
  let timerId = id;
  if (!timerId) {
    const current = await api.currentTimer().catch(() => null);
    if (signal.aborted) return;
    if (!current) return app.show('home');
    timerId = current.id;
  }
  const label = el('p', { class: 'timer-label' });
  const clock = el('p', { class: 'timer-clock', role: 'timer', 'aria-live': 'off' });
  const pacer = el('div', { class: 'pacer', 'aria-hidden': 'true' }, el('div', { class: 'pacer-dot' }));
  const cue = el('p', { class: 'pacer-cue', 'aria-live': 'polite' });
  const status = el('p', { class: 'timer-status', role: 'status' });
  const pause = el('button', { type: 'button', text: 'Pause' });
  const eyes = el('div', { class: 'eyes-closed', hidden: true, tabindex: '-1', role: 'button', 'aria-label': 'Leave eyes-closed mode' },
    el('p', { class: 'eyes-cue' }));
  const act = (action, minutes) => async () => {
    try {
      draw(await api.timerAction(timerId, action, minutes));
    } catch (error) {
      showError(status.parentElement, error);
    }
  };
  const back = () => app.show('now');
  root.append(screen('timer', 'Timer', label, pacer, clock, cue, status,
    el('div', { class: 'actions' }, pause,
      el('button', { type: 'button', text: '+1 min', on: { click: act('extend', 1) } }),
      el('button', { type: 'button', text: '+5 min', on: { click: act('extend', 5) } }),
      el('button', { type: 'button', text: 'Stop', on: { click: act('stop') } })),
    el('div', { class: 'actions' },
      el('button', { type: 'button', text: 'Eyes closed', on: { click: () => { eyes.hidden = false; eyes.focus(); } } }),
      el('button', { type: 'button', class: 'quiet', text: 'Back to the session', on: { click: back } }))),
  eyes);
  const leaveEyes = () => { eyes.hidden = true; };
  eyes.addEventListener('click', leaveEyes);
  eyes.addEventListener('keydown', (e) => { if (e.key === 'Escape' || e.key === 'Enter' || e.key === ' ') leaveEyes(); });

  let lastPhase = null;
  let lastStatus = null;
  function chime(strong) {
    if (settings.sound) softTone(strong ? 392 : 440, strong ? 1.2 : 0.5);
    if (settings.haptics) navigator.vibrate?.(strong ? [60, 80, 60] : 30);
  }
  function draw(v) {
    label.textContent = v.label || (v.kind.kind === 'breathing' ? 'Paced breathing' : 'Countdown');
    clock.textContent = mmss(v.remainingMs);
    pause.textContent = v.status === 'paused' ? 'Resume' : 'Pause';
    pause.onclick = act(v.status === 'paused' ? 'resume' : 'pause');
    pause.disabled = v.status === 'finished' || v.status === 'stopped';
    root.querySelector('.timer').dataset.status = v.status;
    const words = { running: '', paused: 'Paused.', finished: 'Time is up. Take your time.', stopped: 'Stopped.' };
    status.textContent = words[v.status];
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
      eyes.firstChild.textContent = v.status === 'finished' ? 'Time is up.' : '';
    }
    if (lastStatus === 'running' && v.status === 'finished') chime(true);
    lastStatus = v.status;
  }
  // A running timer on a visible screen counts as being here: a ten-minute cuddle should
  // not be cut short by the idle lock. Hiding the window still locks as usual.
  let lastActivity = 0;
  async function tick() {
    if (signal.aborted) return; // another screen took over

    try {
      const v = await api.timerView(timerId);
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
