// Hands a file made in the page to the browser's download: a local blob URL, so nothing leaves
// the page. The URL is revoked a little later rather than at once, since the download reads it
// after the click returns.
export interface SavedFile {
	bytes: Uint8Array;
	fileName: string;
	mimeType: string;
}

export function saveFile(file: SavedFile): void {
	const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.mimeType }));
	const link = document.createElement('a');
	link.href = url;
	link.download = file.fileName;
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A text file (UTF-8) to download. */
export function saveText(text: string, fileName: string, mimeType: string): void {
	saveFile({ bytes: new TextEncoder().encode(text), fileName, mimeType });
}
