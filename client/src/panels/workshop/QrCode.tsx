import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** The join link as a QR code (an SVG image, drawn by the `qrcode` library), for phones in the room. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
      if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [text]);
  return src ? (
    <img className="ef-qr" src={src} alt={label} data-testid="workshop.qr" />
  ) : (
    <div className="ef-qr" aria-hidden />
  );
}
