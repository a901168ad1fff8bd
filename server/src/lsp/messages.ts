/** The shared method names as this side's typed messages, so handlers are held to their types. */
import { NotificationType, RequestType } from 'vscode-languageserver';
import type { NotificationMethod, RequestMethod } from '../../../shared/protocol';

export const request = <P, R>(method: RequestMethod<P, R>) => new RequestType<P, R, void>(method);
export const notification = <P>(method: NotificationMethod<P>) => new NotificationType<P>(method);
