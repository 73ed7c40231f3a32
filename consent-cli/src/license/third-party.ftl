<#--
  META-INF/THIRD-PARTY.txt of the executable jar, written by license-maven-plugin's add-third-party goal.
  dependencyMap: entries whose key is a bundled library (a MavenProject built from its POM) and whose value
  is the names of its licences. Each library is a paragraph: its coordinates, then its name, its home page
  and one line for each licence its POM declares, with the licence's URL.
-->
<#function licenseUrl license>
    <#if license.url?has_content>
        <#return " <" + license.url + ">">
    <#else>
        <#return "">
    </#if>
</#function>
The consent command-line tool, the executable jar of ConsentKit published as dev.consentkit:consent-cli
with classifier standalone, bundles ConsentKit, under the Apache License 2.0 (META-INF/LICENSE), and these
${dependencyMap?size} third-party libraries, each under the licences its Maven POM declares. The licence, notice and
copyright files the libraries ship are in META-INF under their own names, except the META-INF/LICENSE
files of libraries under the Apache License 2.0, which META-INF/LICENSE is; META-INF/NOTICE merges the
libraries' NOTICE files.
<#list dependencyMap as e>
<#assign project = e.getKey()/>

${project.groupId}:${project.artifactId}:${project.version}
  Name:    ${project.name!project.artifactId}
  URL:     ${project.url!"none declared"}
<#if project.licenses?has_content>
<#list project.licenses as license>
  License: ${license.name!"unnamed"}${licenseUrl(license)}
</#list>
<#else>
<#list e.getValue() as name>
  License: ${name}
</#list>
</#if>
</#list>
