/** The shared method names as the client library's typed messages. */
import { NotificationType, RequestType } from 'vscode-languageclient/node';
import type { NotificationMethod, RequestMethod } from '../../shared/protocol';

export const request = <P, R>(method: RequestMethod<P, R>) => new RequestType<P, R, void>(method);
export const notification = <P>(method: NotificationMethod<P>) => new NotificationType<P>(method);
