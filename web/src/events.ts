/** Window events between the shell and the pages: the inbox changed, so the navigation counts unread again. */
export const UNREAD_CHANGED = 'coalsafe:unread-changed';
export const announceUnreadChanged = (): void => void window.dispatchEvent(new Event(UNREAD_CHANGED));
