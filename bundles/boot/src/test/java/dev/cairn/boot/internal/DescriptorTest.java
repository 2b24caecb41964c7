package dev.cairn.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What bnd generated from the annotations: the DS descriptor and the metatype of the policy PID. */
class DescriptorTest {
    private static Document xml(String resource) throws Exception {
        try (InputStream in = DescriptorTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            return f.newDocumentBuilder().parse(in);
        }
    }

    @Test
    void metatypeDesignatesThePolicyPidWithEveryAttribute() throws Exception {
        Document d = xml("OSGI-INF/metatype/dev.cairn.boot.internal.PolicyConfig.xml");
        Element designate = (Element) d.getElementsByTagName("Designate").item(0);
        assertThat(designate.getAttribute("pid")).isEqualTo("dev.cairn.boot.policy");
        List<String> ids = new ArrayList<>();
        NodeList ads = d.getElementsByTagName("AD");
        for (int i = 0; i < ads.getLength(); i++) {
            ids.add(((Element) ads.item(i)).getAttribute("id"));
        }
        assertThat(ids).containsExactly("allowUserMount", "denyUserMount", "unlisted", "requiresDevice", "typeWaitMillis");
    }

    @Test
    void componentIsImmediateOptionalConfigWithModifiedAndGreedyDynamicReferences() throws Exception {
        Document d = xml("OSGI-INF/dev.cairn.boot.internal.SandboxManagerImpl.xml");
        Element c = d.getDocumentElement();
        assertThat(c.getAttribute("immediate")).isEqualTo("true");
        assertThat(c.getAttribute("configuration-policy")).isEqualTo("optional");
        assertThat(c.getAttribute("configuration-pid")).isEqualTo("dev.cairn.boot.policy");
        assertThat(c.getAttribute("modified")).isEqualTo("modified");
        NodeList refs = d.getElementsByTagName("reference");
        assertThat(refs.getLength()).isEqualTo(2);
        for (int i = 0; i < refs.getLength(); i++) {
            Element r = (Element) refs.item(i);
            assertThat(r.getAttribute("cardinality")).isEqualTo("0..n");
            assertThat(r.getAttribute("policy")).isEqualTo("dynamic");
            assertThat(r.getAttribute("policy-option")).isEqualTo("greedy");
        }
    }
}
