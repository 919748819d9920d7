import { apiRoute } from '@/app/api/api-route';
import { agreementResponse } from '@/app/api/v1/agreement/response';

export const GET = apiRoute<{ id: string }>(async (request, ctx, { id }) => agreementResponse(request, ctx, id));
