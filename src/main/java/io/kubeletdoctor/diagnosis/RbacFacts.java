package io.kubeletdoctor.diagnosis;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Whether the node identity may create CSRs and have client renewals auto-approved, as the
 * approving controller would check with SubjectAccessReviews. Null means not decided.
 */
public record RbacFacts(@Nullable Boolean createCsrAllowed, @Nullable Boolean selfNodeClientAllowed,
		@Nullable Boolean nodeClientAllowed, List<String> bootstrapBindingsPresent,
		List<String> bootstrapBindingsMissing, boolean evaluatedStatically) {
}
