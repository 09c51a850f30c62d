package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * rbac: who was asked for, how it was evaluated, the three CSR permission checks and the kubeadm
 * bindings. The report stores each check flat ({@code createCsr}, {@code createCsrReason},
 * {@code createCsrEvaluationError}), so the record is built and read through {@link Check}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RbacStepFacts(String user, List<String> groups, @Nullable Answer createCsr,
		@Nullable String createCsrReason, @Nullable String createCsrEvaluationError, @Nullable Answer selfNodeClient,
		@Nullable String selfNodeClientReason, @Nullable String selfNodeClientEvaluationError,
		@Nullable Answer nodeClient, @Nullable String nodeClientReason, @Nullable String nodeClientEvaluationError,
		boolean evaluatedStatically, @Nullable List<String> kubeadmBindingsPresent,
		@Nullable List<String> kubeadmBindingsMissing, @Nullable String kubeadmBindings) implements StepFacts {

	/**
	 * {@code bindingsUnreadable} says why the kubeadm bindings could not be read; then the two
	 * lists are left out.
	 */
	public static RbacStepFacts of(String user, List<String> groups, Check createCsr, Check selfNodeClient,
			Check nodeClient, boolean evaluatedStatically, List<String> kubeadmBindingsPresent,
			List<String> kubeadmBindingsMissing, @Nullable String bindingsUnreadable) {
		boolean listed = bindingsUnreadable == null;
		return new RbacStepFacts(user, groups, createCsr.allowed(), createCsr.reason(), createCsr.evaluationError(),
				selfNodeClient.allowed(), selfNodeClient.reason(), selfNodeClient.evaluationError(),
				nodeClient.allowed(), nodeClient.reason(), nodeClient.evaluationError(), evaluatedStatically,
				listed ? kubeadmBindingsPresent : null, listed ? kubeadmBindingsMissing : null,
				listed ? null : "not readable: " + bindingsUnreadable);
	}

	public Check createCsrCheck() {
		return new Check(this.createCsr, this.createCsrReason, this.createCsrEvaluationError);
	}

	public Check selfNodeClientCheck() {
		return new Check(this.selfNodeClient, this.selfNodeClientReason, this.selfNodeClientEvaluationError);
	}

	public Check nodeClientCheck() {
		return new Check(this.nodeClient, this.nodeClientReason, this.nodeClientEvaluationError);
	}

	/** One permission check: allowed, denied or undecided, with the authorizer's reason and error. */
	public record Check(@Nullable Answer allowed, @Nullable String reason, @Nullable String evaluationError) {

		public static Check of(Answer allowed) {
			return new Check(allowed, null, null);
		}

	}

}
