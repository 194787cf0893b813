/**
 * Barcode decoding for the count screens: the browser's own BarcodeDetector where it exists,
 * otherwise ZXing (@zxing/browser), which is loaded with a dynamic import() the first time a
 * scanner opens, so it never weighs on the first load of the app.
 *
 * - `decodeImageFile(file)` decodes one picture (the "scan from a photo" input).
 * - `startCamera(video, onCode)` shows the back camera in `video` and calls `onCode` with
 *   each code read; the returned function stops the camera.
 * Both report which engine ran ('native' or 'zxing'). A camera refused or absent rejects
 * with a ScanError ('denied' | 'no_camera' | 'unavailable'); a picture without a readable
 * code rejects with 'not_found'.
 */

export type ScanEngine = 'native' | 'zxing';
export type ScanFailure = 'denied' | 'no_camera' | 'unavailable' | 'not_found';

export class ScanError extends Error {
  constructor(readonly reason: ScanFailure, message: string) {
    super(message);
    this.name = 'ScanError';
  }
}

export interface Decoded {
  text: string;
  engine: ScanEngine;
}

// The formats of stock labels: linear codes, plus QR and Data Matrix.
const kNativeFormats = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39', 'code_93', 'itf', 'codabar', 'qr_code', 'data_matrix'];

interface DetectedBarcode {
  rawValue: string;
}
interface NativeDetector {
  detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface NativeDetectorClass {
  new (options?: { formats?: string[] }): NativeDetector;
  getSupportedFormats?(): Promise<string[]>;
}

function nativeDetectorClass(): NativeDetectorClass | null {
  return 'BarcodeDetector' in window ? (window as unknown as { BarcodeDetector: NativeDetectorClass }).BarcodeDetector : null;
}

async function nativeDetector(): Promise<NativeDetector | null> {
  const Detector = nativeDetectorClass();
  if (Detector === null) return null;
  try {
    const supported = (await Detector.getSupportedFormats?.()) ?? kNativeFormats;
    const formats = kNativeFormats.filter((format) => supported.includes(format));
    return formats.length === 0 ? null : new Detector({ formats });
  } catch {
    return null;
  }
}

/** The ZXing reader, made once; importing it is what fetches its separate chunk. */
let zxingReader: Promise<import('@zxing/browser').BrowserMultiFormatReader> | null = null;
function zxing() {
  zxingReader ??= Promise.all([import('@zxing/browser'), import('@zxing/library')]).then(
    ([browser, library]) => {
      const hints = new Map<import('@zxing/library').DecodeHintType, unknown>([[library.DecodeHintType.TRY_HARDER, true]]);
      return new browser.BrowserMultiFormatReader(hints, { delayBetweenScanAttempts: 150 });
    },
  );
  return zxingReader;
}

function notFound(): ScanError {
  return new ScanError('not_found', 'no barcode could be read in this picture');
}

export async function decodeImageFile(file: Blob): Promise<Decoded> {
  const bitmap = await createImageBitmap(file).catch(() => {
    throw notFound();
  });
  try {
    const native = await nativeDetector();
    if (native !== null) {
      const codes = await native.detect(bitmap);
      const first = codes[0];
      if (first === undefined) throw notFound();
      return { text: first.rawValue, engine: 'native' };
    }
    // ZXing reads a canvas; a quiet margin around the picture helps with tight crops.
    const margin = 16;
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width + margin * 2;
    canvas.height = bitmap.height + margin * 2;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context === null) throw notFound();
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, margin, margin);
    const reader = await zxing();
    try {
      return { text: reader.decodeFromCanvas(canvas).getText(), engine: 'zxing' };
    } catch {
      throw notFound();
    }
  } finally {
    bitmap.close();
  }
}

function cameraError(thrown: unknown): ScanError {
  const name = thrown instanceof DOMException || thrown instanceof Error ? thrown.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return new ScanError('denied', 'camera permission refused');
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
    return new ScanError('no_camera', 'no camera on this device');
  }
  return new ScanError('unavailable', thrown instanceof Error ? thrown.message : String(thrown));
}

/** Starts the camera into `video`; resolves with the engine and a stop function. */
export async function startCamera(
  video: HTMLVideoElement,
  onCode: (code: Decoded) => void,
): Promise<{ engine: ScanEngine; stop: () => void }> {
  if (navigator.mediaDevices?.getUserMedia === undefined) throw new ScanError('no_camera', 'no camera API here');
  const native = await nativeDetector();
  if (native !== null) {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (thrown) {
      throw cameraError(thrown);
    }
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    let running = true;
    const tick = async () => {
      if (!running) return;
      try {
        if (video.readyState >= 2) {
          const codes = await native.detect(video);
          const first = codes[0];
          if (running && first !== undefined) onCode({ text: first.rawValue, engine: 'native' });
        }
      } catch {
        // A frame that cannot be read: try the next one.
      }
      if (running) window.setTimeout(() => void tick(), 200);
    };
    void tick();
    return {
      engine: 'native',
      stop: () => {
        running = false;
        stream.getTracks().forEach((track) => track.stop());
        video.srcObject = null;
      },
    };
  }
  const reader = await zxing();
  try {
    const controls = await reader.decodeFromConstraints(
      { video: { facingMode: 'environment' }, audio: false },
      video,
      (result) => {
        if (result) onCode({ text: result.getText(), engine: 'zxing' });
      },
    );
    return { engine: 'zxing', stop: () => controls.stop() };
  } catch (thrown) {
    throw cameraError(thrown);
  }
}
