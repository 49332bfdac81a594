import { useEffect, useRef, useState } from 'react';
import type { CapturedPhoto } from '../store/photos';

/**
 * A photo from the terminal's camera (getUserMedia), held by the caller until it saves it with its
 * request. Renders nothing where the terminal has no camera (no mediaDevices, or no video input), so
 * a villager is never offered a button that cannot work. The stream is stopped whenever the dialog
 * closes, so the camera light never stays on.
 */
export interface CameraLabels {
  take: string;
  retake: string;
  taken: string;
  shoot: string;
  remove: string;
  title: string;
  failed: string;
  cancel: string;
}

/** Draws the current video frame to a JPEG (injected in tests: jsdom has no canvas). */
export type FrameGrabber = (video: HTMLVideoElement) => Promise<CapturedPhoto>;

export const grabJpeg: FrameGrabber = async (video) => {
  const canvas = document.createElement('canvas');
  const scale = Math.min(1, 1280 / Math.max(video.videoWidth, 1));
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  if (!blob) throw new Error('no frame');
  return { mime: 'image/jpeg', bytes: await bytesOf(blob) };
};

/** Blob.arrayBuffer where it exists, FileReader where it does not (older engines, jsdom). */
function bytesOf(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable photo'));
    reader.readAsArrayBuffer(blob);
  });
}

function useHasCamera(media: MediaDevices | undefined): boolean {
  const [has, setHas] = useState(false);
  useEffect(() => {
    let live = true;
    if (!media?.getUserMedia || !media.enumerateDevices) return;
    media.enumerateDevices().then(
      (devices) => live && setHas(devices.some((d) => d.kind === 'videoinput')),
      () => live && setHas(false),
    );
    return () => {
      live = false;
    };
  }, [media]);
  return has;
}

export function CameraCapture({
  photo,
  onChange,
  labels,
  media = globalThis.navigator?.mediaDevices,
  grab = grabJpeg,
}: {
  photo: CapturedPhoto | undefined;
  onChange: (photo: CapturedPhoto | undefined) => void;
  labels: CameraLabels;
  media?: MediaDevices;
  grab?: FrameGrabber;
}) {
  const hasCamera = useHasCamera(media);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream>(undefined);

  const stop = () => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = undefined;
  };
  useEffect(() => stop, []);

  useEffect(() => {
    if (!open || !media) return;
    let live = true;
    media.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(
      (s) => {
        if (!live) return s.getTracks().forEach((track) => track.stop());
        stream.current = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play?.()?.catch(() => undefined); // autoplay refusals leave a still frame
        }
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      stop();
    };
  }, [open, media]);

  if (!hasCamera) return null;

  const shoot = async () => {
    if (!video.current) return;
    try {
      onChange(await grab(video.current));
      setOpen(false);
    } catch {
      setFailed(true);
    }
  };

  return (
    <div className="camera">
      {photo ? (
        <span className="camera__taken" data-photo-bytes={photo.bytes.byteLength}>
          ✔ {labels.taken}
        </span>
      ) : null}
      <button
        type="button"
        className="big-button big-button--secondary"
        onClick={() => {
          setFailed(false);
          setOpen(true);
        }}
      >
        📷 {photo ? labels.retake : labels.take}
      </button>
      {photo && (
        <button type="button" className="big-button big-button--quiet" onClick={() => onChange(undefined)}>
          {labels.remove}
        </button>
      )}
      {open && (
        <div className="shop-dialog">
          <div className="camera__panel" role="dialog" aria-label={labels.title}>
            <h2>{labels.title}</h2>
            <video ref={video} className="camera__video" muted playsInline />
            {failed && (
              <p className="vscreen-error" role="alert">
                {labels.failed}
              </p>
            )}
            <div className="qty-pad__actions">
              <button
                type="button"
                className="big-button big-button--secondary"
                onClick={() => setOpen(false)}
              >
                {labels.cancel}
              </button>
              <button
                type="button"
                className="big-button big-button--primary"
                disabled={failed}
                onClick={() => void shoot()}
              >
                {labels.shoot}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
