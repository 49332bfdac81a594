import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CameraCapture, type CameraLabels } from './CameraCapture';

const labels: CameraLabels = {
  take: '拍照',
  retake: '重拍',
  taken: '已拍照',
  shoot: '拍下',
  remove: '不要照片',
  title: '对准要拍的东西',
  failed: '摄像头打不开，可以不拍照',
  cancel: '取消',
};

const media = (over: Partial<MediaDevices>) =>
  ({
    enumerateDevices: () => Promise.resolve([{ kind: 'videoinput' } as MediaDeviceInfo]),
    getUserMedia: () => Promise.resolve({ getTracks: () => [] } as unknown as MediaStream),
    ...over,
  }) as MediaDevices;

describe('CameraCapture', () => {
  it('renders nothing where the terminal has audio devices but no camera', async () => {
    const { container } = render(
      <CameraCapture
        photo={undefined}
        onChange={() => undefined}
        labels={labels}
        media={media({
          enumerateDevices: () => Promise.resolve([{ kind: 'audioinput' } as MediaDeviceInfo]),
        })}
      />,
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(container).toBeEmptyDOMElement();
  });

  it('says so when the camera cannot be opened, and shooting is disabled', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <CameraCapture
        photo={undefined}
        onChange={onChange}
        labels={labels}
        media={media({ getUserMedia: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) })}
      />,
    );
    await user.click(await screen.findByRole('button', { name: /拍照/ }));
    const dialog = screen.getByRole('dialog', { name: '对准要拍的东西' });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('摄像头打不开');
    expect(within(dialog).getByRole('button', { name: '拍下' })).toBeDisabled();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('hands over the grabbed frame, stops the stream, and can drop the photo again', async () => {
    const user = userEvent.setup();
    const stop = vi.fn();
    const onChange = vi.fn();
    const photo = { mime: 'image/jpeg', bytes: new ArrayBuffer(8) };
    const { rerender } = render(
      <CameraCapture
        photo={undefined}
        onChange={onChange}
        labels={labels}
        media={media({
          getUserMedia: () => Promise.resolve({ getTracks: () => [{ stop }] } as unknown as MediaStream),
        })}
        grab={() => Promise.resolve(photo)}
      />,
    );
    await user.click(await screen.findByRole('button', { name: /拍照/ }));
    await user.click(screen.getByRole('button', { name: '拍下' }));
    expect(onChange).toHaveBeenCalledWith(photo);
    expect(stop).toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();

    rerender(
      <CameraCapture
        photo={photo}
        onChange={onChange}
        labels={labels}
        media={media({})}
        grab={() => Promise.resolve(photo)}
      />,
    );
    expect(screen.getByText(/已拍照/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '不要照片' }));
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });
});
