package io.kubeletdoctor.cluster;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster-wide LISTs come in pages, as a large API server sends them: the reader follows the
 * continue token to the end, and starts again once when the token has expired (410 Gone).
 */
class PagedListTests {

	private final KubernetesMockServer server = new KubernetesMockServer(false);

	private KubernetesClient client;

	@BeforeEach
	void start() {
		this.server.init();
		this.client = this.server.createClient();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.destroy();
	}

	@Test
	void followsTheContinueTokenToTheLastPage() {
		this.server.expect().get().withPath("/api/v1/nodes?limit=500").andReturn(200, page("c1", "a", "b")).once();
		this.server.expect().get().withPath("/api/v1/nodes?continue=c1&limit=500").andReturn(200, page("", "c")).once();
		ClusterReader reader = new Fabric8ClusterReader("paged", this.client, new KubeletTlsInspector());

		assertThat(reader.nodes()).extracting((node) -> node.getMetadata().getName()).containsExactly("a", "b", "c");
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void startsAgainOnceWhenTheContinueTokenExpired() {
		this.server.expect().get().withPath("/api/v1/nodes?limit=500").andReturn(200, page("c1", "a")).once();
		this.server.expect()
			.get()
			.withPath("/api/v1/nodes?continue=c1&limit=500")
			.andReturn(410, new StatusBuilder().withCode(410).withReason("Expired").build())
			.once();
		this.server.expect().get().withPath("/api/v1/nodes?limit=500").andReturn(200, page("", "a", "b")).once();
		ClusterReader reader = new Fabric8ClusterReader("paged", this.client, new KubeletTlsInspector());

		assertThat(reader.nodes()).extracting((node) -> node.getMetadata().getName()).containsExactly("a", "b");
	}

	private static Object page(String next, String... names) {
		NodeListBuilder list = new NodeListBuilder().withNewMetadata().withContinue(next).endMetadata();
		for (String name : names) {
			list.addToItems(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build());
		}
		return list.build();
	}

}
