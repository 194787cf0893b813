/**
 * The "Scan" camera view and the "scan from a photo" picker. A code read from either goes
 * to `onCode`, the same path as a typed one. A refused or missing camera is said plainly;
 * typing a code keeps working.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { Decoded, ScanEngine, ScanFailure } from './scanner';

interface CameraProps {
  onCode(code: Decoded): void;
  onClose(): void;
}

type CameraState = { kind: 'starting' } | { kind: 'running'; engine: ScanEngine } | { kind: 'failed'; reason: ScanFailure };

export function CameraView({ onCode, onClose }: CameraProps) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const section = useRef<HTMLElement>(null);
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const handler = useRef(onCode);
  handler.current = onCode;

  useEffect(() => section.current?.scrollIntoView({ block: 'nearest' }), []);
  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    void (async () => {
      const { startCamera, ScanError } = await import('./scanner');
      if (!live || video.current === null) return;
      try {
        let last = '';
        const started = await startCamera(video.current, (code) => {
          // The same label seen on consecutive frames is one scan.
          if (code.text === last) return;
          last = code.text;
          handler.current(code);
        });
        if (!live) return started.stop();
        stop = started.stop;
        setState({ kind: 'running', engine: started.engine });
      } catch (thrown) {
        if (live) setState({ kind: 'failed', reason: thrown instanceof ScanError ? thrown.reason : 'unavailable' });
      }
    })();
    return () => {
      live = false;
      stop?.();
    };
  }, []);

  return (
    <section ref={section} class="card count-camera" aria-labelledby="count-camera-title" data-testid="count-camera" data-state={state.kind}>
      <div class="count-panel__head">
        <h3 id="count-camera-title" class="card__title">
          {t('count.camera.title')}
        </h3>
        <button type="button" class="button button--primary" onClick={onClose} data-testid="count-camera-close">
          {t('count.camera.close')}
        </button>
      </div>
      <video ref={video} class="count-camera__video" muted playsInline aria-label={t('count.camera.video')} hidden={state.kind === 'failed'} />
      <p class={state.kind === 'failed' ? 'count-message count-message--error' : 'count-message'} role="status" data-testid="count-camera-status">
        {state.kind === 'starting' && t('count.camera.starting')}
        {state.kind === 'running' && t('count.camera.running')}
        {state.kind === 'failed' && t(`count.camera.failed.${state.reason}`)}
      </p>
    </section>
  );
}

interface PhotoProps {
  onCode(code: Decoded): void;
  onFailure(reason: ScanFailure): void;
  onBusy(busy: boolean): void;
}

/** A file input that decodes the chosen picture (camera app on tablets: capture=environment). */
export function PhotoScan({ onCode, onFailure, onBusy }: PhotoProps) {
  const { t } = useI18n();
  async function chosen(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    onBusy(true);
    try {
      const { decodeImageFile, ScanError } = await import('./scanner');
      try {
        onCode(await decodeImageFile(file));
      } catch (thrown) {
        onFailure(thrown instanceof ScanError ? thrown.reason : 'not_found');
      }
    } finally {
      onBusy(false);
    }
  }
  return (
    <label class="button count-button--secondary count-photo" data-testid="count-photo-label">
      {t('count.photo.label')}
      <input
        class="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        aria-label={t('count.photo.input')}
        onChange={(event) => void chosen(event)}
        data-testid="count-photo-input"
      />
    </label>
  );
}
