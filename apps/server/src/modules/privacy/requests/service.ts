/** The requests' public face inside the domain (routes, documents, the domain's service.ts): one file per responsibility. */
export { createRequest, submitPublicRequest } from './intake';
export { answerRequest, extendRequestInScope, updateRequest } from './handling';
export { getRequest, listRequests, requestsDueFor } from './read';
