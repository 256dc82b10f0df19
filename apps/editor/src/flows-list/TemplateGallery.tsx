import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { flowPath, navigate } from '../app/router';
import { ErrorNotice } from '../ui/ErrorNotice';

/** Starts a new Flow from one of the product's templates and opens it. */
export function TemplateGallery() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.flows.templates.queryOptions(undefined, { staleTime: Infinity }));
  const create = useMutation(
    trpc.flows.createFromTemplate.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        navigate(flowPath(id));
      },
    }),
  );

  return (
    <section className="gallery" aria-labelledby="gallery-title">
      <h2 id="gallery-title" className="gallery__title">
        Start from a template
      </h2>
      {templates.isError && (
        <ErrorNotice title="Could not load the templates">
          <p>{errorMessage(templates.error)}</p>
        </ErrorNotice>
      )}
      <ul className="gallery__list">
        {templates.data?.map((template) => (
          <li key={template.id} className="gallery__card">
            <h3 className="gallery__name">{template.name}</h3>
            <p className="gallery__description">{template.description}</p>
            <p className="gallery__facts">
              {template.screenCount} screens
              {template.usesEndpoint ? ' · uses the data endpoint' : ''}
            </p>
            <button
              type="button"
              className="button"
              aria-label={`Use the ${template.name} template`}
              disabled={create.isPending}
              onClick={() => create.mutate({ templateId: template.id })}
            >
              Use template
            </button>
          </li>
        ))}
      </ul>
      {create.isError && (
        <p className="field__error" role="alert">
          Could not create the flow: {errorMessage(create.error)}
        </p>
      )}
    </section>
  );
}
