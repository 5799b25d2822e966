<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>%1: none of its runtimes&apos; own versions found (the closest installed one runs them)</source>
        <translation>%1: nenhuma das versões próprias de seus runtimes foi encontrada (a versão instalada mais próxima as executa)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stratus Studio %1&lt;/b&gt;&lt;p&gt;Design serverless workflows, run them locally with AWS Lambda&apos;s contracts, measure and ship them. Everything the studio does is also a command of &lt;tt&gt;stratus&lt;/tt&gt;.&lt;/p&gt;&lt;p&gt;Qt %2 · SQLite %3 · QScintilla %4&lt;/p&gt;&lt;p&gt;Runtimes on this machine:&lt;br&gt;%5&lt;/p&gt;</source>
        <translation>&lt;b&gt;Stratus Studio %1&lt;/b&gt;&lt;p&gt;Projete fluxos de trabalho serverless, execute-os localmente com os contratos do AWS Lambda, meça-os e publique-os. Tudo o que o estúdio faz também é um comando do &lt;tt&gt;stratus&lt;/tt&gt;.&lt;/p&gt;&lt;p&gt;Qt %2 · SQLite %3 · QScintilla %4&lt;/p&gt;&lt;p&gt;Runtimes nesta máquina:&lt;br&gt;%5&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>Unknown kind %1</source>
        <translation>Tipo desconhecido %1</translation>
    </message>
</context>
<context>
    <name>NodeKind</name>
    <message>
        <source>HTTP trigger</source>
        <translation>Gatilho HTTP</translation>
    </message>
    <message>
        <source>Starts a run for each HTTP request to a route, with API Gateway&apos;s HTTP API (payload 2.0) event.</source>
        <translation>Inicia uma execução para cada requisição HTTP a uma rota, com o evento da HTTP API do API Gateway (payload 2.0).</translation>
    </message>
    <message>
        <source>The HTTP method of the route.</source>
        <translation>O método HTTP da rota.</translation>
    </message>
    <message>
        <source>The route: starts with /, may hold {name} segments and a final {proxy+}.</source>
        <translation>A rota: começa com /, pode conter segmentos {name} e um {proxy+} final.</translation>
    </message>
    <message>
        <source>Cross-origin settings: allowOrigins, allowMethods, allowHeaders, maxAgeS.</source>
        <translation>Configurações de origem cruzada: allowOrigins, allowMethods, allowHeaders, maxAgeS.</translation>
    </message>
    <message>
        <source>The event&apos;s format: 2.0 (HTTP API) or 1.0 (the REST API proxy event).</source>
        <translation>O formato do evento: 2.0 (HTTP API) ou 1.0 (o evento de proxy da REST API).</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Agendamento</translation>
    </message>
    <message>
        <source>Starts a run on a rate or cron schedule, with EventBridge&apos;s Scheduled Event.</source>
        <translation>Inicia uma execução em um agendamento rate ou cron, com o Scheduled Event do EventBridge.</translation>
    </message>
    <message>
        <source>rate(N minutes|hours|days) or cron(min hour day-of-month month day-of-week year).</source>
        <translation>rate(N minutes|hours|days) ou cron(minuto hora dia-do-mês mês dia-da-semana ano).</translation>
    </message>
    <message>
        <source>The IANA time zone the cron expression is read in.</source>
        <translation>O fuso horário IANA em que a expressão cron é interpretada.</translation>
    </message>
    <message>
        <source>Whether the schedule fires.</source>
        <translation>Se o agendamento dispara.</translation>
    </message>
    <message>
        <source>JSON put in the event&apos;s detail.</source>
        <translation>JSON colocado no campo detail do evento.</translation>
    </message>
    <message>
        <source>Manual trigger</source>
        <translation>Gatilho manual</translation>
    </message>
    <message>
        <source>Starts a run when you press Send, with a saved test event.</source>
        <translation>Inicia uma execução quando você pressiona Enviar, com um evento de teste salvo.</translation>
    </message>
    <message>
        <source>a test event / direct invoke</source>
        <translation>um evento de teste / invocação direta</translation>
    </message>
    <message>
        <source>The JSON sent when fired.</source>
        <translation>O JSON enviado ao disparar.</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Função</translation>
    </message>
    <message>
        <source>Runs your code on each event with AWS Lambda&apos;s handler contract, in warm instances.</source>
        <translation>Executa seu código a cada evento com o contrato de handler do AWS Lambda, em instâncias aquecidas.</translation>
    </message>
    <message>
        <source>The Lambda runtime identifier.</source>
        <translation>O identificador de runtime do Lambda.</translation>
    </message>
    <message>
        <source>file.export (Node.js), module.function (Python); provided.al2/al2023 run the file bootstrap.</source>
        <translation>arquivo.export (Node.js), módulo.função (Python); provided.al2/al2023 executam o arquivo bootstrap.</translation>
    </message>
    <message>
        <source>Memory size in MB, which also scales CPU and cost.</source>
        <translation>Tamanho da memória em MB, que também escala a CPU e o custo.</translation>
    </message>
    <message>
        <source>Seconds before an invocation is stopped.</source>
        <translation>Segundos até uma invocação ser interrompida.</translation>
    </message>
    <message>
        <source>The instruction set, which sets the price.</source>
        <translation>O conjunto de instruções, que define o preço.</translation>
    </message>
    <message>
        <source>Reserved concurrency: the most instances at once; 0 = unreserved.</source>
        <translation>Simultaneidade reservada: o máximo de instâncias ao mesmo tempo; 0 = não reservada.</translation>
    </message>
    <message>
        <source>Retries of a failed asynchronous invocation.</source>
        <translation>Novas tentativas de uma invocação assíncrona com falha.</translation>
    </message>
    <message>
        <source>Environment variables of the function.</source>
        <translation>Variáveis de ambiente da função.</translation>
    </message>
    <message>
        <source>The function&apos;s source files: relative path -&gt; text.</source>
        <translation>Os arquivos-fonte da função: caminho relativo -&gt; texto.</translation>
    </message>
    <message>
        <source>What the function does.</source>
        <translation>O que a função faz.</translation>
    </message>
    <message>
        <source>The queues, buckets and tables the function reaches through the AWS SDK: it gets their names in its environment, and the export grants it access.</source>
        <translation>As filas, buckets e tabelas que a função acessa pelo AWS SDK: ela recebe os nomes deles no seu ambiente, e a exportação lhe concede acesso.</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Escolha</translation>
    </message>
    <message>
        <source>Routes an event by rules on its fields, like a Step Functions Choice state, without code.</source>
        <translation>Encaminha um evento por regras sobre seus campos, como um estado Choice do Step Functions, sem código.</translation>
    </message>
    <message>
        <source>Rules tried in order: {port, condition}.</source>
        <translation>Regras testadas em ordem: {port, condition}.</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Holds messages and delivers them in batches, like an SQS queue with its dead-letter queue.</source>
        <translation>Guarda mensagens e as entrega em lotes, como uma fila SQS com sua fila de mensagens mortas.</translation>
    </message>
    <message>
        <source>Messages per batch at most.</source>
        <translation>Máximo de mensagens por lote.</translation>
    </message>
    <message>
        <source>Seconds to gather a batch before delivering it.</source>
        <translation>Segundos para reunir um lote antes de entregá-lo.</translation>
    </message>
    <message>
        <source>Seconds a received message stays hidden before it is retried.</source>
        <translation>Segundos que uma mensagem recebida fica oculta antes de ser tentada de novo.</translation>
    </message>
    <message>
        <source>Receives before a message goes to dead.</source>
        <translation>Recebimentos antes de uma mensagem ir para dead.</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Bucket</translation>
    </message>
    <message>
        <source>Stores objects in a folder and reports each created or removed object, like an S3 bucket.</source>
        <translation>Armazena objetos em uma pasta e informa cada objeto criado ou removido, como um bucket S3.</translation>
    </message>
    <message>
        <source>Which changes produce events.</source>
        <translation>Quais alterações geram eventos.</translation>
    </message>
    <message>
        <source>Only keys starting with this.</source>
        <translation>Apenas chaves que começam com isto.</translation>
    </message>
    <message>
        <source>Only keys ending with this.</source>
        <translation>Apenas chaves que terminam com isto.</translation>
    </message>
    <message>
        <source>Where the objects live; by default a folder named after the bucket beside the workspace file.</source>
        <translation>Onde ficam os objetos; por padrão, uma pasta com o nome do bucket ao lado do arquivo do espaço de trabalho.</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabela</translation>
    </message>
    <message>
        <source>Stores items by key and streams every change, like a DynamoDB table with a stream.</source>
        <translation>Armazena itens por chave e transmite cada alteração, como uma tabela DynamoDB com um stream.</translation>
    </message>
    <message>
        <source>The partition key attribute.</source>
        <translation>O atributo da chave de partição.</translation>
    </message>
    <message>
        <source>The sort key attribute, if any.</source>
        <translation>O atributo da chave de classificação, se houver.</translation>
    </message>
    <message>
        <source>Stream records per batch at most.</source>
        <translation>Máximo de registros do stream por lote.</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Writes each value it receives to the run log, like CloudWatch Logs.</source>
        <translation>Grava cada valor recebido no log da execução, como o CloudWatch Logs.</translation>
    </message>
    <message>
        <source>The log level.</source>
        <translation>O nível de log.</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <source>Value not allowed</source>
        <translation>Valor não permitido</translation>
    </message>
    <message>
        <source>Loop without a queue</source>
        <translation>Ciclo sem fila</translation>
    </message>
    <message>
        <source>Wire to a missing node</source>
        <translation>Conexão com um nó inexistente</translation>
    </message>
    <message>
        <source>Test event of a missing node</source>
        <translation>Evento de teste de um nó inexistente</translation>
    </message>
    <message>
        <source>Wire drawn twice</source>
        <translation>Conexão duplicada</translation>
    </message>
    <message>
        <source>Id used twice</source>
        <translation>ID duplicado</translation>
    </message>
    <message>
        <source>Name used twice</source>
        <translation>Nome duplicado</translation>
    </message>
    <message>
        <source>Route used twice</source>
        <translation>Rota duplicada</translation>
    </message>
    <message>
        <source>Field ignored</source>
        <translation>Campo ignorado</translation>
    </message>
    <message>
        <source>Ports that do not fit</source>
        <translation>Portas incompatíveis</translation>
    </message>
    <message>
        <source>Missing id</source>
        <translation>ID ausente</translation>
    </message>
    <message>
        <source>Missing value</source>
        <translation>Valor ausente</translation>
    </message>
    <message>
        <source>Out of range</source>
        <translation>Fora do intervalo</translation>
    </message>
    <message>
        <source>Unknown field</source>
        <translation>Campo desconhecido</translation>
    </message>
    <message>
        <source>Unknown node kind</source>
        <translation>Tipo de nó desconhecido</translation>
    </message>
    <message>
        <source>Unknown resource</source>
        <translation>Recurso desconhecido</translation>
    </message>
    <message>
        <source>Wrong type</source>
        <translation>Tipo errado</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Choice rule not valid</source>
        <translation>Regra de escolha inválida</translation>
    </message>
    <message>
        <source>Environment variable not valid</source>
        <translation>Variável de ambiente inválida</translation>
    </message>
    <message>
        <source>File path not valid</source>
        <translation>Caminho de arquivo inválido</translation>
    </message>
    <message>
        <source>Handler not valid</source>
        <translation>Handler inválido</translation>
    </message>
    <message>
        <source>Name not valid</source>
        <translation>Nome inválido</translation>
    </message>
    <message>
        <source>Route path not valid</source>
        <translation>Caminho de rota inválido</translation>
    </message>
    <message>
        <source>Schedule not valid</source>
        <translation>Agendamento inválido</translation>
    </message>
    <message>
        <source>Unknown time zone</source>
        <translation>Fuso horário desconhecido</translation>
    </message>
    <message>
        <source>Required field missing</source>
        <translation>Campo obrigatório ausente</translation>
    </message>
    <message>
        <source>Pricing not valid</source>
        <translation>Preços inválidos</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Move node</source>
        <translation>Mover nó</translation>
    </message>
    <message>
        <source>Move %1 nodes</source>
        <translation>Mover %1 nós</translation>
    </message>
    <message>
        <source>Rename workflow to %1</source>
        <translation>Renomear fluxo de trabalho para %1</translation>
    </message>
</context>
<context>
    <name>UserSettings</name>
    <message>
        <source>Setting %1 = %2 %3; using %4</source>
        <translation>Configuração %1 = %2 %3; usando %4</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>o padrão</translation>
    </message>
    <message>
        <source>The chosen %1 interpreter is not used: %2. Stratus finds one itself.</source>
        <translation>O interpretador %1 escolhido não é usado: %2. O Stratus encontra um por conta própria.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a language; the studio is in English.</source>
        <translation>&quot;%1&quot; não é um idioma; o estúdio está em inglês.</translation>
    </message>
    <message>
        <source>No translation into %1 is installed; the studio is in English.</source>
        <translation>Nenhuma tradução para %1 instalada; o estúdio fica em inglês.</translation>
    </message>
    <message>
        <source>%1 could not be read as a translation; the studio is in English.</source>
        <translation>%1 não pôde ser lido como tradução; o estúdio fica em inglês.</translation>
    </message>
    <message>
        <source>%1 holds no translation of Stratus; the studio is in English.</source>
        <translation>%1 não contém uma tradução do Stratus; o estúdio fica em inglês.</translation>
    </message>
    <message>
        <source>is not text</source>
        <translation>não é texto</translation>
    </message>
    <message>
        <source>is not a whole number from %1 to %2</source>
        <translation>não é um número inteiro de %1 a %2</translation>
    </message>
    <message>
        <source>is not a number from %1 to %2</source>
        <translation>não é um número de %1 a %2</translation>
    </message>
    <message>
        <source>is not an absolute path</source>
        <translation>não é um caminho absoluto</translation>
    </message>
    <message>
        <source>is not a language Stratus has (en, pt_BR, de)</source>
        <translation>não é um idioma do Stratus (en, pt_BR, de)</translation>
    </message>
    <message>
        <source>is not a theme (system, light, dark, high-contrast)</source>
        <translation>não é um tema (system, light, dark, high-contrast)</translation>
    </message>
    <message>
        <source>is not an IP address or localhost</source>
        <translation>não é um endereço IP nem localhost</translation>
    </message>
    <message>
        <source>is not a pricing preset</source>
        <translation>não é uma predefinição de preços</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Select this node once FILE is open (WORKFLOW/NODE ids).</source>
        <translation>Selecionar este nó assim que FILE for aberto (ids WORKFLOW/NODE).</translation>
    </message>
    <message>
        <source>Design, run and ship serverless workflows.</source>
        <translation>Projete, execute e publique fluxos de trabalho serverless.</translation>
    </message>
    <message>
        <source>A workspace (.stratus) or workspace JSON document to open.</source>
        <translation>Um espaço de trabalho (.stratus) ou documento JSON de espaço de trabalho a abrir.</translation>
    </message>
</context>
<context>
    <name>stratus::editor::ChartsPanel</name>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>The whole workspace</source>
        <translation>Todo o espaço de trabalho</translation>
    </message>
    <message>
        <source>Charts of</source>
        <translation>Gráficos de</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latência (ms)</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Throughput (invocations/s)</source>
        <translation>Vazão (invocações/s)</translation>
    </message>
    <message>
        <source>invocations/s</source>
        <translation>invocações/s</translation>
    </message>
    <message>
        <source>Concurrency (average running)</source>
        <translation>Simultaneidade (média em execução)</translation>
    </message>
    <message>
        <source>average running</source>
        <translation>média em execução</translation>
    </message>
    <message>
        <source>Cold starts (% of invocations)</source>
        <translation>Inicializações a frio (% das invocações)</translation>
    </message>
    <message>
        <source>cold-start share</source>
        <translation>taxa de inicialização a frio</translation>
    </message>
    <message>
        <source>Errors and throttles (per second)</source>
        <translation>Erros e limitações (por segundo)</translation>
    </message>
    <message>
        <source>errors/s</source>
        <translation>erros/s</translation>
    </message>
    <message>
        <source>throttles/s</source>
        <translation>limitações/s</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
</context>
<context>
    <name>stratus::editor::ChoiceRulesEditor</name>
    <message>
        <source>all of (and)</source>
        <translation>todas (e)</translation>
    </message>
    <message>
        <source>any of (or)</source>
        <translation>qualquer uma (ou)</translation>
    </message>
    <message>
        <source>not</source>
        <translation>não</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Add Rule</source>
        <translation>Adicionar regra</translation>
    </message>
    <message>
        <source>Add Condition</source>
        <translation>Adicionar condição</translation>
    </message>
    <message>
        <source>And</source>
        <translation>E</translation>
    </message>
    <message>
        <source>Or</source>
        <translation>Ou</translation>
    </message>
    <message>
        <source>Not</source>
        <translation>Não</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Descer</translation>
    </message>
    <message>
        <source>Choice rules</source>
        <translation>Regras de escolha</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variável</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Rules are tried in order; the first whose condition holds sends the event to its port, else it leaves by default. Double-click a cell to edit it.</source>
        <translation>As regras são testadas em ordem; a primeira cuja condição é verdadeira envia o evento para a sua porta; senão, ele sai por default. Clique duas vezes em uma célula para editá-la.</translation>
    </message>
    <message>
        <source>Add a comparison to the selected group (a comparison becomes an &apos;all of&apos; group with the new one)</source>
        <translation>Adicionar uma comparação ao grupo selecionado (uma comparação vira um grupo &apos;todas&apos; com a nova)</translation>
    </message>
    <message>
        <source>Put the selected condition in an &apos;all of&apos; (and) group</source>
        <translation>Colocar a condição selecionada em um grupo &apos;todas&apos; (e)</translation>
    </message>
    <message>
        <source>Put the selected condition in an &apos;any of&apos; (or) group</source>
        <translation>Colocar a condição selecionada em um grupo &apos;qualquer uma&apos; (ou)</translation>
    </message>
    <message>
        <source>Negate the selected condition</source>
        <translation>Negar a condição selecionada</translation>
    </message>
</context>
<context>
    <name>stratus::editor::CostPanel</name>
    <message>
        <source>Free tier</source>
        <translation>Nível gratuito</translation>
    </message>
    <message>
        <source>Cost breakdown</source>
        <translation>Detalhamento do custo</translation>
    </message>
    <message>
        <source>Pricing preset</source>
        <translation>Predefinição de preços</translation>
    </message>
    <message>
        <source>Requests a month, for each function (as stratus cost --requests-per-month)</source>
        <translation>Requisições por mês, para cada função (como stratus cost --requests-per-month)</translation>
    </message>
    <message>
        <source> /h</source>
        <translation> /h</translation>
    </message>
    <message>
        <source>The hourly price of an always-on VM to compare with (as stratus cost --vm-hourly)</source>
        <translation>O preço por hora de uma VM sempre ligada para comparação (como stratus cost --vm-hourly)</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Predefinição</translation>
    </message>
    <message>
        <source>Requests / month</source>
        <translation>Requisições / mês</translation>
    </message>
    <message>
        <source>Always-on VM</source>
        <translation>VM sempre ligada</translation>
    </message>
    <message>
        <source>What</source>
        <translation>O quê</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memória</translation>
    </message>
    <message>
        <source>Avg duration</source>
        <translation>Duração média</translation>
    </message>
    <message>
        <source>Runs / invocations</source>
        <translation>Execuções / invocações</translation>
    </message>
    <message>
        <source>Per invocation / run</source>
        <translation>Por invocação / execução</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Custo</translation>
    </message>
    <message>
        <source>Pricing what ran…</source>
        <translation>Calculando o custo do que foi executado…</translation>
    </message>
    <message>
        <source>The workspace&apos;s own (settings.pricing)</source>
        <translation>O do próprio espaço de trabalho (settings.pricing)</translation>
    </message>
    <message>
        <source>Save the workspace as a file to price what it runs.</source>
        <translation>Salve o espaço de trabalho como arquivo para calcular o custo do que ele executa.</translation>
    </message>
    <message>
        <source>Cannot price: %1</source>
        <translation>Não é possível calcular o custo: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;What ran:&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;A month&lt;/b&gt; at %2 requests per function: &lt;b&gt;%3&lt;/b&gt; %4 (requests %5, compute %6, gateway %7)</source>
        <translation>&lt;b&gt;O que foi executado:&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Um mês&lt;/b&gt; com %2 requisições por função: &lt;b&gt;%3&lt;/b&gt; %4 (requisições %5, computação %6, gateway %7)</translation>
    </message>
    <message>
        <source>with the free tier</source>
        <translation>com o nível gratuito</translation>
    </message>
    <message>
        <source>without the free tier</source>
        <translation>sem o nível gratuito</translation>
    </message>
    <message>
        <source>&lt;br&gt;An always-on VM at %1/h: %2 a month; </source>
        <translation>&lt;br&gt;Uma VM sempre ligada a %1/h: %2 por mês; </translation>
    </message>
    <message>
        <source>serverless costs as much at %1 requests per function a month.</source>
        <translation>o serverless custa o mesmo com %1 requisições por função por mês.</translation>
    </message>
    <message>
        <source>serverless stays cheaper at any traffic.</source>
        <translation>o serverless continua mais barato com qualquer tráfego.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;small&gt;%1, prices read %2&lt;/small&gt;</source>
        <translation>&lt;br&gt;&lt;small&gt;%1, preços consultados em %2&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Functions, a month at this traffic (without free tier)</source>
        <translation>Funções, um mês com este tráfego (sem nível gratuito)</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 ms (%2)</source>
        <translation>%1 ms (%2)</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>medida</translation>
    </message>
    <message>
        <source>assumed</source>
        <translation>estimada</translation>
    </message>
    <message>
        <source>%1 recorded</source>
        <translation>%1 registradas</translation>
    </message>
    <message>
        <source>What ran, by workflow (as priced when it ran)</source>
        <translation>O que foi executado, por fluxo de trabalho (com o preço da época)</translation>
    </message>
    <message>
        <source>(functions on their own)</source>
        <translation>(funções avulsas)</translation>
    </message>
    <message>
        <source>%1 runs / %2 invocations</source>
        <translation>%1 execuções / %2 invocações</translation>
    </message>
    <message>
        <source>%1 a run</source>
        <translation>%1 por execução</translation>
    </message>
</context>
<context>
    <name>stratus::editor::DataPanel</name>
    <message>
        <source>Dead messages</source>
        <translation>Mensagens mortas</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Purge…</source>
        <translation>Limpar…</translation>
    </message>
    <message>
        <source>Resource data</source>
        <translation>Dados do recurso</translation>
    </message>
    <message>
        <source>Data status</source>
        <translation>Status dos dados</translation>
    </message>
    <message>
        <source>Delete the selected rows (Del)</source>
        <translation>Excluir as linhas selecionadas (Del)</translation>
    </message>
    <message>
        <source>Delete every message of the queue that is not dead, as SQS&apos;s PurgeQueue does</source>
        <translation>Excluir todas as mensagens da fila que não estão mortas, como faz o PurgeQueue do SQS</translation>
    </message>
    <message>
        <source>Show the messages received maxReceiveCount times without success</source>
        <translation>Mostrar as mensagens recebidas maxReceiveCount vezes sem sucesso</translation>
    </message>
    <message>
        <source>Purge Queue</source>
        <translation>Limpar fila</translation>
    </message>
    <message>
        <source>Delete every message of queue %1 that is not dead?</source>
        <translation>Excluir todas as mensagens da fila %1 que não estão mortas?</translation>
    </message>
    <message>
        <source>Select a queue, bucket or table to see what it holds.</source>
        <translation>Selecione uma fila, bucket ou tabela para ver o que ela contém.</translation>
    </message>
    <message>
        <source>Table &lt;b&gt;%1&lt;/b&gt;, keyed by %2</source>
        <translation>Tabela &lt;b&gt;%1&lt;/b&gt;, com chave %2</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Chave</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Bucket &lt;b&gt;%1&lt;/b&gt;, in %2</source>
        <translation>Bucket &lt;b&gt;%1&lt;/b&gt;, em %2</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>Queue &lt;b&gt;%1&lt;/b&gt;: its dead messages</source>
        <translation>Fila &lt;b&gt;%1&lt;/b&gt;: suas mensagens mortas</translation>
    </message>
    <message>
        <source>Queue &lt;b&gt;%1&lt;/b&gt;: its messages, waiting or in flight</source>
        <translation>Fila &lt;b&gt;%1&lt;/b&gt;: suas mensagens, aguardando ou em processamento</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corpo</translation>
    </message>
    <message>
        <source>Receives</source>
        <translation>Recebimentos</translation>
    </message>
    <message>
        <source>Message id</source>
        <translation>ID da mensagem</translation>
    </message>
    <message>
        <source>Cannot read the data: %1</source>
        <translation>Não é possível ler os dados: %1</translation>
    </message>
    <message>
        <source>The first %1 shown.</source>
        <translation>Mostrando os primeiros %1.</translation>
    </message>
    <message>
        <source>Upload…</source>
        <translation>Carregar…</translation>
    </message>
    <message>
        <source>Send…</source>
        <translation>Enviar…</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Adicionar…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Run the workspace (F5) to change its data: changes go through its local AWS endpoint, and make the same events as any write</source>
        <translation>Execute o espaço de trabalho (F5) para alterar seus dados: as alterações passam pelo endpoint AWS local dele e geram os mesmos eventos que qualquer gravação</translation>
    </message>
    <message>
        <source>Shown as saved. %1.</source>
        <translation>Mostrado como salvo. %1.</translation>
    </message>
    <message>
        <source>Shown as saved.</source>
        <translation>Mostrado como salvo.</translation>
    </message>
    <message>
        <source>Not running: run the workspace (F5) to change its data.</source>
        <translation>Não está em execução: execute o espaço de trabalho (F5) para alterar seus dados.</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Recusado: %1</translation>
    </message>
    <message>
        <source>Not an item: %1</source>
        <translation>Não é um item: %1</translation>
    </message>
    <message>
        <source>Item %1 written into %2.</source>
        <translation>Item %1 gravado em %2.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Não é possível ler %1: %2</translation>
    </message>
    <message>
        <source>Uploaded %1 as %2.</source>
        <translation>%1 carregado como %2.</translation>
    </message>
    <message>
        <source>Message sent to %1.</source>
        <translation>Mensagem enviada para %1.</translation>
    </message>
    <message>
        <source>Queue %1 purged.</source>
        <translation>Fila %1 limpa.</translation>
    </message>
    <message>
        <source>Item deleted from %1.</source>
        <translation>Item excluído de %1.</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 excluído.</translation>
    </message>
    <message>
        <source>Edit Item</source>
        <translation>Editar item</translation>
    </message>
    <message>
        <source>Add Item</source>
        <translation>Adicionar item</translation>
    </message>
    <message>
        <source>The item as JSON (its key: %1). Writing it replaces the item of that key.</source>
        <translation>O item como JSON (sua chave: %1). Gravá-lo substitui o item com essa chave.</translation>
    </message>
    <message>
        <source>An item is a JSON object.</source>
        <translation>Um item é um objeto JSON.</translation>
    </message>
    <message>
        <source>Not JSON: %1</source>
        <translation>Não é JSON: %1</translation>
    </message>
    <message>
        <source>Upload into %1</source>
        <translation>Carregar em %1</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Carregar</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Chave:</translation>
    </message>
    <message>
        <source>Send Message</source>
        <translation>Enviar mensagem</translation>
    </message>
    <message>
        <source>Body of the message to %1:</source>
        <translation>Corpo da mensagem para %1:</translation>
    </message>
</context>
<context>
    <name>stratus::editor::DocsBrowser</name>
    <message>
        <source>Stratus Documentation</source>
        <translation>Documentação do Stratus</translation>
    </message>
    <message>
        <source>Guides</source>
        <translation>Guias</translation>
    </message>
    <message>
        <source>Guide text</source>
        <translation>Texto do guia</translation>
    </message>
    <message>
        <source>Read me first</source>
        <translation>Leia-me primeiro</translation>
    </message>
    <message>
        <source>The documentation is not installed here. It is at https://github.com/stratus/stratus/tree/main/docs and in docs/ of the sources.</source>
        <translation>A documentação não está instalada aqui. Ela está em https://github.com/stratus/stratus/tree/main/docs e em docs/ no código-fonte.</translation>
    </message>
</context>
<context>
    <name>stratus::editor::Inspector</name>
    <message>
        <source>Select a function to edit its code.</source>
        <translation>Selecione uma função para editar seu código.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Adicionar…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Node configuration</source>
        <translation>Configuração do nó</translation>
    </message>
    <message>
        <source>Function files</source>
        <translation>Arquivos da função</translation>
    </message>
    <message>
        <source>Find in code</source>
        <translation>Localizar no código</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Substituir por</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>The function&apos;s source files; ★ marks the handler&apos;s file</source>
        <translation>Os arquivos-fonte da função; ★ marca o arquivo do handler</translation>
    </message>
    <message>
        <source>Find (Enter: next)</source>
        <translation>Localizar (Enter: próximo)</translation>
    </message>
    <message>
        <source>Replace with (Enter: replace and find next)</source>
        <translation>Substituir por (Enter: substituir e localizar o próximo)</translation>
    </message>
    <message>
        <source>Send a saved or edited event to this node on the running workspace</source>
        <translation>Enviar um evento salvo ou editado a este nó no espaço de trabalho em execução</translation>
    </message>
    <message>
        <source>Add File</source>
        <translation>Adicionar arquivo</translation>
    </message>
    <message>
        <source>Path of the new file (e.g. lib/util.mjs):</source>
        <translation>Caminho do novo arquivo (ex.: lib/util.mjs):</translation>
    </message>
    <message>
        <source>Rename File</source>
        <translation>Renomear arquivo</translation>
    </message>
    <message>
        <source>New path:</source>
        <translation>Novo caminho:</translation>
    </message>
    <message>
        <source>&apos;%1&apos; not found</source>
        <translation>&apos;%1&apos; não encontrado</translation>
    </message>
    <message>
        <source>Select a node to see its configuration.</source>
        <translation>Selecione um nó para ver sua configuração.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;&lt;small&gt;%3&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;&lt;small&gt;%3&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>The node&apos;s name (for resources and functions, their name on AWS)</source>
        <translation>O nome do nó (para recursos e funções, seu nome na AWS)</translation>
    </message>
    <message>
        <source>Not valid JSON yet: the field keeps its last valid value.</source>
        <translation>Ainda não é um JSON válido: o campo mantém seu último valor válido.</translation>
    </message>
    <message>
        <source>
Default: %1</source>
        <translation>
Padrão: %1</translation>
    </message>
    <message>
        <source>
Range: %1 to %2</source>
        <translation>
Intervalo: %1 a %2</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (padrão)</translation>
    </message>
    <message>
        <source>The handler&apos;s file</source>
        <translation>O arquivo do handler</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Caminho</translation>
    </message>
    <message>
        <source>CORS</source>
        <translation>CORS</translation>
    </message>
    <message>
        <source>Payload format</source>
        <translation>Formato do payload</translation>
    </message>
    <message>
        <source>Schedule expression</source>
        <translation>Expressão de agendamento</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Ativado</translation>
    </message>
    <message>
        <source>Detail (JSON)</source>
        <translation>Detalhe (JSON)</translation>
    </message>
    <message>
        <source>Event (JSON)</source>
        <translation>Evento (JSON)</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Runtime</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Memória (MB)</translation>
    </message>
    <message>
        <source>Timeout (s)</source>
        <translation>Tempo limite (s)</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Arquitetura</translation>
    </message>
    <message>
        <source>Reserved concurrency</source>
        <translation>Simultaneidade reservada</translation>
    </message>
    <message>
        <source>Async retries</source>
        <translation>Tentativas assíncronas</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Variáveis de ambiente</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Uses (AWS SDK)</source>
        <translation>Usa (AWS SDK)</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regras</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamanho do lote</translation>
    </message>
    <message>
        <source>Batch window (s)</source>
        <translation>Janela do lote (s)</translation>
    </message>
    <message>
        <source>Visibility timeout (s)</source>
        <translation>Tempo de visibilidade (s)</translation>
    </message>
    <message>
        <source>Max receives</source>
        <translation>Máx. de recebimentos</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Key prefix</source>
        <translation>Prefixo da chave</translation>
    </message>
    <message>
        <source>Key suffix</source>
        <translation>Sufixo da chave</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Pasta</translation>
    </message>
    <message>
        <source>Partition key</source>
        <translation>Chave de partição</translation>
    </message>
    <message>
        <source>Sort key</source>
        <translation>Chave de classificação</translation>
    </message>
    <message>
        <source>Stream batch size</source>
        <translation>Tamanho do lote do stream</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nível</translation>
    </message>
    <message>
        <source>Set %1 of %2</source>
        <translation>Definir %1 de %2</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>Renomear %1 para %2</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Editar %1</translation>
    </message>
    <message>
        <source>a file needs a path</source>
        <translation>um arquivo precisa de um caminho</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a relative path inside the function (no leading / or ..)</source>
        <translation>&apos;%1&apos; deve ser um caminho relativo dentro da função (sem / ou .. no início)</translation>
    </message>
    <message>
        <source>the function already has a file &apos;%1&apos;</source>
        <translation>a função já tem um arquivo &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Cannot add the file: %1</source>
        <translation>Não é possível adicionar o arquivo: %1</translation>
    </message>
    <message>
        <source>Add file %1</source>
        <translation>Adicionar arquivo %1</translation>
    </message>
    <message>
        <source>Cannot rename the file: %1</source>
        <translation>Não é possível renomear o arquivo: %1</translation>
    </message>
    <message>
        <source>Rename file %1 to %2</source>
        <translation>Renomear arquivo %1 para %2</translation>
    </message>
    <message>
        <source>Cannot delete &apos;%1&apos;: a function needs at least one file</source>
        <translation>Não é possível excluir &apos;%1&apos;: uma função precisa de pelo menos um arquivo</translation>
    </message>
    <message>
        <source>Delete file %1</source>
        <translation>Excluir arquivo %1</translation>
    </message>
    <message>
        <source>This kind is unknown to Stratus.</source>
        <translation>Este tipo é desconhecido para o Stratus.</translation>
    </message>
    <message>
        <source>Send Test Event…  (%1)</source>
        <translation>Enviar evento de teste…  (%1)</translation>
    </message>
</context>
<context>
    <name>stratus::editor::InvocationsModel</name>
    <message>
        <source>cold</source>
        <translation>a frio</translation>
    </message>
    <message>
        <source>warm</source>
        <translation>a quente</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Fluxo de trabalho</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Função</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>ID da requisição</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>Init (ms)</source>
        <translation>Init (ms)</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Duração (ms)</translation>
    </message>
    <message>
        <source>Billed (ms)</source>
        <translation>Cobrado (ms)</translation>
    </message>
    <message>
        <source>Memory used / size</source>
        <translation>Memória usada / tamanho</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Custo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>stratus::editor::InvocationsPanel</name>
    <message>
        <source>Follow newest</source>
        <translation>Seguir a mais recente</translation>
    </message>
    <message>
        <source>Invocation details</source>
        <translation>Detalhes da invocação</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logs</translation>
    </message>
    <message>
        <source>Path through the workflow</source>
        <translation>Caminho pelo fluxo de trabalho</translation>
    </message>
    <message>
        <source>All functions</source>
        <translation>Todas as funções</translation>
    </message>
    <message>
        <source>Show the invocations of</source>
        <translation>Mostrar as invocações de</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Qualquer status</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>Show invocations with the status</source>
        <translation>Mostrar as invocações com o status</translation>
    </message>
    <message>
        <source>Cold and warm</source>
        <translation>A frio e a quente</translation>
    </message>
    <message>
        <source>Cold starts</source>
        <translation>Inicializações a frio</translation>
    </message>
    <message>
        <source>Warm starts</source>
        <translation>Inicializações a quente</translation>
    </message>
    <message>
        <source>Show cold or warm starts</source>
        <translation>Mostrar inicializações a frio ou a quente</translation>
    </message>
    <message>
        <source>Scroll to each new invocation as it arrives</source>
        <translation>Rolar até cada nova invocação quando ela chegar</translation>
    </message>
    <message>
        <source>Invocations</source>
        <translation>Invocações</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nó</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Duração (ms)</translation>
    </message>
    <message>
        <source>Left by</source>
        <translation>Saiu por</translation>
    </message>
    <message>
        <source>Right-click a step to replay the run from it</source>
        <translation>Clique com o botão direito em uma etapa para reexecutar a partir dela</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Relatório</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Run Path</source>
        <translation>Caminho da execução</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 exibidas</translation>
    </message>
    <message>
        <source>Replay From Here</source>
        <translation>Reexecutar a partir daqui</translation>
    </message>
    <message>
        <source>Replay From Here With Edited Input…</source>
        <translation>Reexecutar a partir daqui com entrada editada…</translation>
    </message>
    <message>
        <source>Request ID    %1
Function      %2
Run           %3
</source>
        <translation>ID da requisição  %1
Função            %2
Execução          %3
</translation>
    </message>
    <message>
        <source>Status        %1
</source>
        <translation>Status            %1
</translation>
    </message>
    <message>
        <source>Error         %1: %2
</source>
        <translation>Erro              %1: %2
</translation>
    </message>
    <message>
        <source>Start         %1
</source>
        <translation>Início            %1
</translation>
    </message>
    <message>
        <source>cold (init %1 ms)</source>
        <translation>a frio (init %1 ms)</translation>
    </message>
    <message>
        <source>warm</source>
        <translation>a quente</translation>
    </message>
    <message>
        <source>Duration      %1 ms (billed %2 ms)
</source>
        <translation>Duração           %1 ms (cobrado %2 ms)
</translation>
    </message>
    <message>
        <source>Memory        %1 MB used of %2 MB
</source>
        <translation>Memória           %1 MB usados de %2 MB
</translation>
    </message>
    <message>
        <source>Cost          %1
</source>
        <translation>Custo             %1
</translation>
    </message>
    <message>
        <source>Replay From %1</source>
        <translation>Reexecutar a partir de %1</translation>
    </message>
    <message>
        <source>The input %1 receives in the replay:</source>
        <translation>A entrada que %1 recebe na reexecução:</translation>
    </message>
</context>
<context>
    <name>stratus::editor::JsonEditor</name>
    <message>
        <source>Event JSON</source>
        <translation>JSON do evento</translation>
    </message>
    <message>
        <source>✓ valid JSON</source>
        <translation>✓ JSON válido</translation>
    </message>
    <message>
        <source>Not JSON: %1</source>
        <translation>Não é JSON: %1</translation>
    </message>
</context>
<context>
    <name>stratus::editor::LoadTestDialog</name>
    <message>
        <source>Runs</source>
        <translation>Execuções</translation>
    </message>
    <message>
        <source>Runs a second</source>
        <translation>Execuções por segundo</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Cancel Test</source>
        <translation>Cancelar teste</translation>
    </message>
    <message>
        <source>Load Test — %1</source>
        <translation>Teste de carga — %1</translation>
    </message>
    <message>
        <source>The trigger&apos;s own event</source>
        <translation>O evento próprio do gatilho</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Salvo: %1</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>for</source>
        <translation>durante</translation>
    </message>
    <message>
        <source>At most in flight</source>
        <translation>Máximo em andamento</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>Não iniciado: %1</translation>
    </message>
    <message>
        <source>%1 runs ended, %2 failed…</source>
        <translation>%1 execuções terminadas, %2 com falha…</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Executando…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 runs in %2 s: %3 runs/s&lt;/b&gt;%4&lt;br&gt;Latency (start to end of a run): p50 %5 ms, p95 %6 ms, p99 %7 ms, max %8 ms&lt;br&gt;%9 succeeded, %10 failed; %11 invocations: %12 cold starts, %13 throttled, %14 errors&lt;br&gt;Cost: %15 for these runs, &lt;b&gt;%16 per million runs&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 execuções em %2 s: %3 execuções/s&lt;/b&gt;%4&lt;br&gt;Latência (do início ao fim de uma execução): p50 %5 ms, p95 %6 ms, p99 %7 ms, máx. %8 ms&lt;br&gt;%9 bem-sucedidas, %10 com falha; %11 invocações: %12 inicializações a frio, %13 limitadas, %14 erros&lt;br&gt;Custo: %15 por estas execuções, &lt;b&gt;%16 por milhão de execuções&lt;/b&gt;</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (cancelado)</translation>
    </message>
</context>
<context>
    <name>stratus::editor::MainWindow</name>
    <message>
        <source>Open a workspace first</source>
        <translation>Abra um espaço de trabalho primeiro</translation>
    </message>
    <message>
        <source>Unknown node kind &apos;%1&apos;</source>
        <translation>Tipo de nó desconhecido &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Adicionar %1</translation>
    </message>
    <message>
        <source>Added %1 &apos;%2&apos;</source>
        <translation>Adicionado: %1 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>Nothing to paste: the clipboard holds no Stratus nodes</source>
        <translation>Nada para colar: a área de transferência não contém nós do Stratus</translation>
    </message>
    <message>
        <source>Paste a node</source>
        <translation>Colar um nó</translation>
    </message>
    <message>
        <source>Paste %1 nodes</source>
        <translation>Colar %1 nós</translation>
    </message>
    <message>
        <source>Select nodes to copy</source>
        <translation>Selecione nós para copiar</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>Copiado: %1</translation>
    </message>
    <message>
        <source>node</source>
        <translation>nó</translation>
    </message>
    <message>
        <source>nodes</source>
        <translation>nós</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Remover %1</translation>
    </message>
    <message>
        <source>wire</source>
        <translation>conexão</translation>
    </message>
    <message>
        <source>wires</source>
        <translation>conexões</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>Renomear %1 para %2</translation>
    </message>
    <message>
        <source>Stratus Studio</source>
        <translation>Stratus Studio</translation>
    </message>
    <message>
        <source>Workflows</source>
        <translation>Fluxos de trabalho</translation>
    </message>
    <message>
        <source>Save As Workspace…</source>
        <translation>Salvar como espaço de trabalho…</translation>
    </message>
    <message>
        <source>The language changes when the studio starts again.</source>
        <translation>O idioma muda quando o estúdio for reiniciado.</translation>
    </message>
    <message>
        <source>%1 settings could not be used as they are: see the message</source>
        <translation>%1 configurações não puderam ser usadas como estão: veja a mensagem</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Novo espaço de trabalho…</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>Novo espaço de trabalho</translation>
    </message>
    <message>
        <source>Stratus workspaces (*.stratus)</source>
        <translation>Espaços de trabalho do Stratus (*.stratus)</translation>
    </message>
    <message>
        <source>Cannot create workspace</source>
        <translation>Não é possível criar o espaço de trabalho</translation>
    </message>
    <message>
        <source>Create a new workspace file</source>
        <translation>Criar um novo arquivo de espaço de trabalho</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Abrir espaço de trabalho</translation>
    </message>
    <message>
        <source>Stratus workspaces (*.stratus *.json);;All files (*)</source>
        <translation>Espaços de trabalho do Stratus (*.stratus *.json);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Open a workspace file or a workspace JSON document</source>
        <translation>Abrir um arquivo de espaço de trabalho ou um documento JSON de espaço de trabalho</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>A&amp;brir recente</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salvar</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Salvo</translation>
    </message>
    <message>
        <source>Save failed: %1</source>
        <translation>Falha ao salvar: %1</translation>
    </message>
    <message>
        <source>Write every change now (changes are also saved automatically)</source>
        <translation>Gravar todas as alterações agora (as alterações também são salvas automaticamente)</translation>
    </message>
    <message>
        <source>Save &amp;As Workspace…</source>
        <translation>Salvar &amp;como espaço de trabalho…</translation>
    </message>
    <message>
        <source>Save As Workspace</source>
        <translation>Salvar como espaço de trabalho</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Não é possível salvar</translation>
    </message>
    <message>
        <source>Write the workspace into a new workspace file</source>
        <translation>Gravar o espaço de trabalho em um novo arquivo de espaço de trabalho</translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation>Exportar JSON</translation>
    </message>
    <message>
        <source>Workspace JSON (*.json)</source>
        <translation>JSON de espaço de trabalho (*.json)</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>Não é possível exportar</translation>
    </message>
    <message>
        <source>Write the workspace&apos;s JSON form</source>
        <translation>Gravar a forma JSON do espaço de trabalho</translation>
    </message>
    <message>
        <source>Write a deployable AWS SAM bundle (template.yaml and the code) into a folder</source>
        <translation>Gravar um pacote AWS SAM implantável (template.yaml e o código) em uma pasta</translation>
    </message>
    <message>
        <source>Export Ser&amp;verless Framework Service…</source>
        <translation>Exportar serviço do Ser&amp;verless Framework…</translation>
    </message>
    <message>
        <source>Write a deployable Serverless Framework v3 service (serverless.yml and the code) into a folder</source>
        <translation>Gravar um serviço implantável do Serverless Framework v3 (serverless.yml e o código) em uma pasta</translation>
    </message>
    <message>
        <source>&amp;Zip Each Function&apos;s Code in SAM Bundles</source>
        <translation>Compactar em &amp;zip o código de cada função nos pacotes SAM</translation>
    </message>
    <message>
        <source>SAM bundles hold a reproducible zip per function instead of its folder (stratus export --zip)</source>
        <translation>Os pacotes SAM contêm um zip reproduzível por função em vez da sua pasta (stratus export --zip)</translation>
    </message>
    <message>
        <source>&amp;Import AWS SAM Template…</source>
        <translation>&amp;Importar modelo AWS SAM…</translation>
    </message>
    <message>
        <source>Read an AWS SAM template and its code into a new workspace</source>
        <translation>Ler um modelo AWS SAM e seu código para um novo espaço de trabalho</translation>
    </message>
    <message>
        <source>Read a serverless.yml and its handlers into a new workspace</source>
        <translation>Ler um serverless.yml e seus handlers para um novo espaço de trabalho</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sai&amp;r</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Recor&amp;tar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>Co&amp;lar</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Excluir</translation>
    </message>
    <message>
        <source>Remove the selected nodes (with their wires) and wires</source>
        <translation>Remover os nós selecionados (com suas conexões) e as conexões</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Selecionar tudo</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>Reno&amp;mear</translation>
    </message>
    <message>
        <source>Your defaults: language, theme, interpreters, gateway, pricing, autosave</source>
        <translation>Seus padrões: idioma, tema, interpretadores, gateway, preços, salvamento automático</translation>
    </message>
    <message>
        <source>&amp;Workflow</source>
        <translation>&amp;Fluxo de trabalho</translation>
    </message>
    <message>
        <source>&amp;New Workflow</source>
        <translation>&amp;Novo fluxo de trabalho</translation>
    </message>
    <message>
        <source>Add a workflow to the workspace, as a new tab</source>
        <translation>Adicionar um fluxo de trabalho ao espaço de trabalho, em uma nova aba</translation>
    </message>
    <message>
        <source>&amp;Rename Workflow…</source>
        <translation>&amp;Renomear fluxo de trabalho…</translation>
    </message>
    <message>
        <source>Rename Workflow</source>
        <translation>Renomear fluxo de trabalho</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>Rename the current workflow (or double-click its tab)</source>
        <translation>Renomear o fluxo de trabalho atual (ou clique duas vezes na sua aba)</translation>
    </message>
    <message>
        <source>&amp;Delete Workflow</source>
        <translation>&amp;Excluir fluxo de trabalho</translation>
    </message>
    <message>
        <source>Remove the current workflow and everything on it (undoable)</source>
        <translation>Remover o fluxo de trabalho atual e tudo o que há nele (pode ser desfeito)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ampl&amp;iar</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Red&amp;uzir</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>&amp;Ajustar à janela</translation>
    </message>
    <message>
        <source>Show the whole workflow</source>
        <translation>Mostrar o fluxo de trabalho inteiro</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation>&amp;Primeiros passos</translation>
    </message>
    <message>
        <source>A short tour of the studio on an example: design, run, measure, ship</source>
        <translation>Um breve tour pelo estúdio com um exemplo: projetar, executar, medir, publicar</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
    <message>
        <source>Every action&apos;s keys, searchable</source>
        <translation>As teclas de cada ação, com busca</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Documentação</translation>
    </message>
    <message>
        <source>The user guides, read here</source>
        <translation>Os guias do usuário, para ler aqui</translation>
    </message>
    <message>
        <source>&amp;About Stratus</source>
        <translation>&amp;Sobre o Stratus</translation>
    </message>
    <message>
        <source>About Stratus</source>
        <translation>Sobre o Stratus</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Sobre o &amp;Qt</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Paleta</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspetor</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Onde</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>Histórico de desfazer</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;aberto&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Stratus Studio&lt;/h2&gt;&lt;p&gt;Design serverless workflows, run them locally, ship them.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Stratus Studio&lt;/h2&gt;&lt;p&gt;Projete fluxos de trabalho serverless, execute-os localmente e publique-os.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Examples&lt;/b&gt;</source>
        <translation>&lt;b&gt;Exemplos&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Não salvo: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>Todas as alterações salvas</translation>
    </message>
    <message>
        <source>Unsaved (JSON document)</source>
        <translation>Não salvo (documento JSON)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportado</translation>
    </message>
    <message>
        <source>Wrote an AWS SAM bundle to %1</source>
        <translation>Pacote AWS SAM gravado em %1</translation>
    </message>
    <message>
        <source>Wrote a Serverless Framework service to %1</source>
        <translation>Serviço do Serverless Framework gravado em %1</translation>
    </message>
    <message>
        <source>Export AWS SAM Bundle: choose or make an empty folder</source>
        <translation>Exportar pacote AWS SAM: escolha ou crie uma pasta vazia</translation>
    </message>
    <message>
        <source>Export Serverless Framework Service: choose or make an empty folder</source>
        <translation>Exportar serviço do Serverless Framework: escolha ou crie uma pasta vazia</translation>
    </message>
    <message>
        <source>Files you added there (samconfig.toml, .aws-sam) stay.</source>
        <translation>Os arquivos que você adicionou lá (samconfig.toml, .aws-sam) permanecem.</translation>
    </message>
    <message>
        <source>Files you added there (node_modules, package.json, .serverless) stay.</source>
        <translation>Os arquivos que você adicionou lá (node_modules, package.json, .serverless) permanecem.</translation>
    </message>
    <message>
        <source>Replace the Bundle?</source>
        <translation>Substituir o pacote?</translation>
    </message>
    <message>
        <source>%1 holds a bundle exported earlier. Replace the files that export wrote?</source>
        <translation>%1 contém um pacote exportado anteriormente. Substituir os arquivos gravados por aquela exportação?</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>Nada foi gravado.</translation>
    </message>
    <message>
        <source>Cannot Export</source>
        <translation>Não é possível exportar</translation>
    </message>
    <message>
        <source>Export Stratus&apos;s Own Template</source>
        <translation>Exportar o modelo próprio do Stratus</translation>
    </message>
    <message>
        <source>Wrote an AWS SAM bundle to %1. Deploy it with: sam build &amp;&amp; sam deploy --guided</source>
        <translation>Pacote AWS SAM gravado em %1. Implante-o com: sam build &amp;&amp; sam deploy --guided</translation>
    </message>
    <message>
        <source>Wrote a Serverless Framework service to %1. Deploy it as its README.md says (npx serverless deploy).</source>
        <translation>Serviço do Serverless Framework gravado em %1. Implante-o como indica o README.md dele (npx serverless deploy).</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exportado</translation>
    </message>
    <message>
        <source>Import AWS SAM Template</source>
        <translation>Importar modelo AWS SAM</translation>
    </message>
    <message>
        <source>Import Serverless Framework Service</source>
        <translation>Importar serviço do Serverless Framework</translation>
    </message>
    <message>
        <source>AWS SAM templates (*.yaml *.yml *.json);;All files (*)</source>
        <translation>Modelos AWS SAM (*.yaml *.yml *.json);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Serverless Framework services (serverless.yml serverless.yaml);;All files (*)</source>
        <translation>Serviços do Serverless Framework (serverless.yml serverless.yaml);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Import into a new workspace file</source>
        <translation>Importar para um novo arquivo de espaço de trabalho</translation>
    </message>
    <message>
        <source>Cannot Import</source>
        <translation>Não é possível importar</translation>
    </message>
    <message>
        <source>%1 was not imported; nothing was written.</source>
        <translation>%1 não foi importado; nada foi gravado.</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1 importado</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Imported %1. What the canvas does not show is kept, and written back when you export it in the same format:</source>
        <translation>%1 importado. O que a área de desenho não mostra é mantido e gravado de volta quando você o exportar no mesmo formato:</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Não é possível abrir o espaço de trabalho</translation>
    </message>
    <message>
        <source>Stratus could not open %1.

%2</source>
        <translation>O Stratus não conseguiu abrir %1.

%2</translation>
    </message>
    <message>
        <source>%1 is a JSON document: use File → Save As Workspace to keep your changes</source>
        <translation>%1 é um documento JSON: use Arquivo → Salvar como espaço de trabalho para manter suas alterações</translation>
    </message>
    <message>
        <source>Workflow canvas</source>
        <translation>Área de desenho do fluxo de trabalho</translation>
    </message>
    <message>
        <source>Workflow %1 (double-click to rename)</source>
        <translation>Fluxo de trabalho %1 (clique duas vezes para renomear)</translation>
    </message>
    <message>
        <source>Workflow %1</source>
        <translation>Fluxo de trabalho %1</translation>
    </message>
    <message>
        <source>New workflow</source>
        <translation>Novo fluxo de trabalho</translation>
    </message>
    <message>
        <source>A workspace keeps at least one workflow</source>
        <translation>Um espaço de trabalho mantém pelo menos um fluxo de trabalho</translation>
    </message>
    <message>
        <source>Delete workflow %1</source>
        <translation>Excluir fluxo de trabalho %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is a JSON document: your changes live only in this window until you save it as a workspace file, which then saves itself.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; é um documento JSON: suas alterações existem apenas nesta janela até você salvá-lo como arquivo de espaço de trabalho, que então se salva sozinho.</translation>
    </message>
    <message>
        <source>%1%2 — Stratus Studio</source>
        <translation>%1%2 — Stratus Studio</translation>
    </message>
    <message>
        <source> (not saved)</source>
        <translation> (não salvo)</translation>
    </message>
    <message>
        <source>/edge %1</source>
        <translation>/conexão %1</translation>
    </message>
    <message>
        <source>%1: %2, %3, %4</source>
        <translation>%1: %2, %3, %4</translation>
    </message>
    <message>
        <source>workflow</source>
        <translation>fluxo de trabalho</translation>
    </message>
    <message>
        <source>workflows</source>
        <translation>fluxos de trabalho</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>problema</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>problemas</translation>
    </message>
    <message>
        <source>Not running. The errors that stopped Run are fixed: Run (F5) again.</source>
        <translation>Não está em execução. Os erros que impediram a execução foram corrigidos: execute (F5) novamente.</translation>
    </message>
    <message>
        <source>Save as a workspace?</source>
        <translation>Salvar como espaço de trabalho?</translation>
    </message>
    <message>
        <source>%1 is a JSON document. Save it as a new workspace file to keep your changes?</source>
        <translation>%1 é um documento JSON. Salvá-lo como um novo arquivo de espaço de trabalho para manter suas alterações?</translation>
    </message>
    <message>
        <source>Your last changes could not be saved to %1:
%2</source>
        <translation>Suas últimas alterações não puderam ser salvas em %1:
%2</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Execução</translation>
    </message>
    <message>
        <source>Invocations</source>
        <translation>Invocações</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Custo</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dados</translation>
    </message>
    <message>
        <source>Reloaded the saved design.</source>
        <translation>O projeto salvo foi recarregado.</translation>
    </message>
    <message>
        <source>The saved design was not reloaded: %1</source>
        <translation>O projeto salvo não foi recarregado: %1</translation>
    </message>
    <message>
        <source>Replaying run %1 from %2 as run %3</source>
        <translation>Reexecutando a execução %1 a partir de %2 como execução %3</translation>
    </message>
    <message>
        <source>Cannot replay: %1</source>
        <translation>Não é possível reexecutar: %1</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>Exec&amp;utar</translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation>Não está em execução: %1</translation>
    </message>
    <message>
        <source>Serve the workspace&apos;s triggers and resources on this machine</source>
        <translation>Servir os gatilhos e recursos do espaço de trabalho nesta máquina</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Parar</translation>
    </message>
    <message>
        <source>Stop the running workspace (runs in flight get 1.5 s to end)</source>
        <translation>Parar o espaço de trabalho em execução (as execuções em andamento têm 1,5 s para terminar)</translation>
    </message>
    <message>
        <source>Send &amp;Test Event…</source>
        <translation>Enviar evento de &amp;teste…</translation>
    </message>
    <message>
        <source>Select a trigger or a function to send it a test event.</source>
        <translation>Selecione um gatilho ou uma função para enviar um evento de teste.</translation>
    </message>
    <message>
        <source>Send a saved or edited event to the selected trigger or function</source>
        <translation>Enviar um evento salvo ou editado ao gatilho ou à função selecionada</translation>
    </message>
    <message>
        <source>&amp;Load Test…</source>
        <translation>Teste de &amp;carga…</translation>
    </message>
    <message>
        <source>Select a trigger to load-test it.</source>
        <translation>Selecione um gatilho para fazer um teste de carga.</translation>
    </message>
    <message>
        <source>Send many events to the selected trigger and measure them</source>
        <translation>Enviar muitos eventos ao gatilho selecionado e medi-los</translation>
    </message>
    <message>
        <source>Tune &amp;Memory…</source>
        <translation>Ajustar &amp;memória…</translation>
    </message>
    <message>
        <source>Select a function to tune its memory.</source>
        <translation>Selecione uma função para ajustar sua memória.</translation>
    </message>
    <message>
        <source>Run the selected function at several memory sizes and compare duration and cost</source>
        <translation>Executar a função selecionada com vários tamanhos de memória e comparar duração e custo</translation>
    </message>
    <message>
        <source>Toggle &amp;Breakpoint</source>
        <translation>Alternar ponto de &amp;interrupção</translation>
    </message>
    <message>
        <source>Pause runs before the selected node</source>
        <translation>Pausar as execuções antes do nó selecionado</translation>
    </message>
    <message>
        <source>Ste&amp;p</source>
        <translation>Pa&amp;sso</translation>
    </message>
    <message>
        <source>Let the paused run enter its node and pause before the next one</source>
        <translation>Deixar a execução pausada entrar no seu nó e pausar antes do próximo</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>C&amp;ontinuar</translation>
    </message>
    <message>
        <source>Let the paused run go on to its next breakpoint (F5)</source>
        <translation>Deixar a execução pausada seguir até o próximo ponto de interrupção (F5)</translation>
    </message>
    <message>
        <source>&amp;Abort Paused Run</source>
        <translation>&amp;Abortar execução pausada</translation>
    </message>
    <message>
        <source>End the paused run as aborted</source>
        <translation>Encerrar a execução pausada como abortada</translation>
    </message>
    <message>
        <source>Start the counts on the canvas from zero</source>
        <translation>Reiniciar do zero as contagens na área de desenho</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Em execução</translation>
    </message>
    <message>
        <source>Running at %1</source>
        <translation>Em execução em %1</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Parando…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Parado</translation>
    </message>
    <message>
        <source>Test events go to triggers and functions.</source>
        <translation>Eventos de teste vão para gatilhos e funções.</translation>
    </message>
    <message>
        <source>Load tests start at a trigger.</source>
        <translation>Testes de carga começam em um gatilho.</translation>
    </message>
    <message>
        <source>Memory tuning is for functions.</source>
        <translation>O ajuste de memória é para funções.</translation>
    </message>
    <message>
        <source>Select one node to put a breakpoint on it.</source>
        <translation>Selecione um único nó para colocar um ponto de interrupção nele.</translation>
    </message>
    <message>
        <source>Runs pause before %1</source>
        <translation>As execuções pausam antes de %1</translation>
    </message>
    <message>
        <source>Breakpoint removed</source>
        <translation>Ponto de interrupção removido</translation>
    </message>
    <message>
        <source>The paused event is not JSON: %1</source>
        <translation>O evento pausado não é JSON: %1</translation>
    </message>
    <message>
        <source>Cannot resume: %1</source>
        <translation>Não é possível retomar: %1</translation>
    </message>
    <message>
        <source>Paused before %1: F10 steps, F5 continues</source>
        <translation>Pausado antes de %1: F10 avança um passo, F5 continua</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>Área de desenho</translation>
    </message>
    <message>
        <source>Select one node to wire (arrow keys move the selection)</source>
        <translation>Selecione um nó para conectar (as setas movem a seleção)</translation>
    </message>
    <message>
        <source>Only functions have code; Return opens the inspector</source>
        <translation>Só funções têm código; Return abre o inspetor</translation>
    </message>
    <message>
        <source>&amp;Wire Selected Node…</source>
        <translation>Co&amp;nectar nó selecionado…</translation>
    </message>
    <message>
        <source>Draw a wire from or to the selected node, chosen from a list</source>
        <translation>Conectar o nó selecionado a outro, escolhendo de uma lista</translation>
    </message>
    <message>
        <source>Ne&amp;xt Panel</source>
        <translation>Próximo &amp;painel</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the next panel</source>
        <translation>Mover o foco do teclado para o próximo painel</translation>
    </message>
    <message>
        <source>Pre&amp;vious Panel</source>
        <translation>Painel an&amp;terior</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the previous panel</source>
        <translation>Mover o foco do teclado para o painel anterior</translation>
    </message>
    <message>
        <source>Some settings could not be used as they are; the studio goes on as said below.</source>
        <translation>Algumas configurações não puderam ser usadas como estão; o estúdio segue como descrito abaixo.</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>E&amp;xemplos</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>&amp;Exportar JSON…</translation>
    </message>
    <message>
        <source>Export AWS SAM &amp;Bundle…</source>
        <translation>Exportar pacote AWS SA&amp;M…</translation>
    </message>
    <message>
        <source>Import Serverless &amp;Framework Service…</source>
        <translation>Importar serviço do Serverless &amp;Framework…</translation>
    </message>
    <message>
        <source>Dup&amp;licate</source>
        <translation>D&amp;uplicar</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>C&amp;onfigurações…</translation>
    </message>
    <message>
        <source>New workspace…  (%1)</source>
        <translation>Novo espaço de trabalho…  (%1)</translation>
    </message>
    <message>
        <source>Open…  (%1)</source>
        <translation>Abrir…  (%1)</translation>
    </message>
    <message>
        <source>Clear Canvas Cou&amp;nts</source>
        <translation>&amp;Zerar contagens da área de desenho</translation>
    </message>
</context>
<context>
    <name>stratus::editor::MemorySweepDialog</name>
    <message>
        <source>Cheapest</source>
        <translation>Mais barato</translation>
    </message>
    <message>
        <source>Fastest</source>
        <translation>Mais rápido</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Equilibrado</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Cancel Sweep</source>
        <translation>Cancelar varredura</translation>
    </message>
    <message>
        <source>Use Selected Size</source>
        <translation>Usar tamanho selecionado</translation>
    </message>
    <message>
        <source>Tune Memory — %1</source>
        <translation>Ajustar memória — %1</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>One whole vCPU</source>
        <translation>Uma vCPU inteira</translation>
    </message>
    <message>
        <source>other sizes, e.g. 640,4096</source>
        <translation>outros tamanhos, ex.: 640,4096</translation>
    </message>
    <message>
        <source>More sizes in MB (128 to 10,240), separated by commas</source>
        <translation>Mais tamanhos em MB (128 a 10.240), separados por vírgulas</translation>
    </message>
    <message>
        <source>Memory sizes</source>
        <translation>Tamanhos de memória</translation>
    </message>
    <message>
        <source>Measured invocations a size, after one warm-up (the cold start) that is not counted</source>
        <translation>Invocações medidas por tamanho, após um aquecimento (a inicialização a frio) que não é contado</translation>
    </message>
    <message>
        <source>Runs a size</source>
        <translation>Execuções por tamanho</translation>
    </message>
    <message>
        <source>An empty event {}</source>
        <translation>Um evento vazio {}</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Salvo: %1</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Duration p50 (ms)</source>
        <translation>Duração p50 (ms)</translation>
    </message>
    <message>
        <source>Cost ($ per million)</source>
        <translation>Custo ($ por milhão)</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Memória (MB)</translation>
    </message>
    <message>
        <source>p50 (ms)</source>
        <translation>p50 (ms)</translation>
    </message>
    <message>
        <source>$ / million</source>
        <translation>$ / milhão</translation>
    </message>
    <message>
        <source>Duration and cost per invocation against memory</source>
        <translation>Duração e custo por invocação em função da memória</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memória</translation>
    </message>
    <message>
        <source>vCPU</source>
        <translation>vCPU</translation>
    </message>
    <message>
        <source>Mean (ms)</source>
        <translation>Média (ms)</translation>
    </message>
    <message>
        <source>CPU (ms)</source>
        <translation>CPU (ms)</translation>
    </message>
    <message>
        <source>Cost / invocation</source>
        <translation>Custo / invocação</translation>
    </message>
    <message>
        <source>Select a size and press Use to give the function that memory</source>
        <translation>Selecione um tamanho e pressione Usar para dar essa memória à função</translation>
    </message>
    <message>
        <source>Each size runs in fresh instances given Lambda&apos;s CPU share for that memory (one vCPU at 1,769 MB). The runs are not recorded in the history.</source>
        <translation>Cada tamanho é executado em instâncias novas com a fração de CPU do Lambda para essa memória (uma vCPU a 1.769 MB). As execuções não são registradas no histórico.</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>Não iniciado: %1</translation>
    </message>
    <message>
        <source>Measuring %1 sizes, %2 runs each after a warm-up…</source>
        <translation>Medindo %1 tamanhos, %2 execuções cada após um aquecimento…</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No run at this size succeeded: see the note.</source>
        <translation>Nenhuma execução com este tamanho teve sucesso: veja a nota.</translation>
    </message>
    <message>
        <source>did not run: %1</source>
        <translation>não executou: %1</translation>
    </message>
    <message>
        <source>%1: %2 MB</source>
        <translation>%1: %2 MB</translation>
    </message>
    <message>
        <source>cheapest</source>
        <translation>mais barato</translation>
    </message>
    <message>
        <source>fastest</source>
        <translation>mais rápido</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>equilibrado</translation>
    </message>
    <message>
        <source>No size was measured whole.</source>
        <translation>Nenhum tamanho foi medido por completo.</translation>
    </message>
    <message>
        <source>No size ran without failures: see the errors in the table.</source>
        <translation>Nenhum tamanho executou sem falhas: veja os erros na tabela.</translation>
    </message>
    <message>
        <source>%1 MB (p50 %2 ms, %3 a million)</source>
        <translation>%1 MB (p50 %2 ms, %3 por milhão)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cheapest&lt;/b&gt; %1 · &lt;b&gt;Fastest&lt;/b&gt; %2 · &lt;b&gt;Balanced&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;Mais barato&lt;/b&gt; %1 · &lt;b&gt;Mais rápido&lt;/b&gt; %2 · &lt;b&gt;Equilibrado&lt;/b&gt; %3</translation>
    </message>
    <message>
        <source>Cancelled. </source>
        <translation>Cancelado. </translation>
    </message>
    <message>
        <source>Use %1 MB</source>
        <translation>Usar %1 MB</translation>
    </message>
    <message>
        <source>%1 already has %2 MB.</source>
        <translation>%1 já tem %2 MB.</translation>
    </message>
    <message>
        <source>Set %1&apos;s memory to %2 MB</source>
        <translation>Definir a memória de %1 como %2 MB</translation>
    </message>
    <message>
        <source>%1 now has %2 MB (Edit → Undo takes it back).</source>
        <translation>%1 agora tem %2 MB (Editar → Desfazer reverte).</translation>
    </message>
</context>
<context>
    <name>stratus::editor::NodePalette</name>
    <message>
        <source>Triggers</source>
        <translation>Gatilhos</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Computação</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Fluxo</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Recursos</translation>
    </message>
    <message>
        <source>Filter node kinds…</source>
        <translation>Filtrar tipos de nó…</translation>
    </message>
    <message>
        <source>Node kinds</source>
        <translation>Tipos de nó</translation>
    </message>
    <message>
        <source>Filter node kinds</source>
        <translation>Filtrar tipos de nó</translation>
    </message>
    <message>
        <source>AWS: %1</source>
        <translation>AWS: %1</translation>
    </message>
</context>
<context>
    <name>stratus::editor::RunPanel</name>
    <message>
        <source>Warnings and reloads</source>
        <translation>Avisos e recarregamentos</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Gatilho</translation>
    </message>
    <message>
        <source>Double-click copies the URL; right-click copies a curl line</source>
        <translation>Clique duplo copia a URL; botão direito copia uma linha de curl</translation>
    </message>
    <message>
        <source>HTTP routes</source>
        <translation>Rotas HTTP</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>Copiar URL</translation>
    </message>
    <message>
        <source>Copy curl Command</source>
        <translation>Copiar comando curl</translation>
    </message>
    <message>
        <source>Step  (F10)</source>
        <translation>Passo  (F10)</translation>
    </message>
    <message>
        <source>Continue  (F5)</source>
        <translation>Continuar  (F5)</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abortar</translation>
    </message>
    <message>
        <source>Warnings and reloads of the running workspace show here.</source>
        <translation>Os avisos e recarregamentos do espaço de trabalho em execução aparecem aqui.</translation>
    </message>
    <message>
        <source>Not running. Run (F5) serves the workspace&apos;s triggers and resources here.</source>
        <translation>Não está em execução. Executar (F5) serve aqui os gatilhos e recursos do espaço de trabalho.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Running&lt;/b&gt; (no HTTP triggers). Stop: Shift+F5.</source>
        <translation>&lt;b&gt;Em execução&lt;/b&gt; (sem gatilhos HTTP). Parar: Shift+F5.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Running&lt;/b&gt; at &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;. Stop: Shift+F5.</source>
        <translation>&lt;b&gt;Em execução&lt;/b&gt; em &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;. Parar: Shift+F5.</translation>
    </message>
    <message>
        <source>AWS endpoint (the SDK and the AWS CLI reach the tables and queues here): %1</source>
        <translation>Endpoint AWS (o SDK e a AWS CLI acessam as tabelas e filas aqui): %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused&lt;/b&gt; before &lt;b&gt;%1&lt;/b&gt; (run %2). Edit what it receives, then Step or Continue.</source>
        <translation>&lt;b&gt;Pausado&lt;/b&gt; antes de &lt;b&gt;%1&lt;/b&gt; (execução %2). Edite o que ele recebe e clique em Passo ou Continuar.</translation>
    </message>
    <message>
        <source> %1 more run(s) wait.</source>
        <translation> Mais %1 execução(ões) aguardando.</translation>
    </message>
</context>
<context>
    <name>stratus::editor::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Appearance and editing</source>
        <translation>Aparência e edição</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>O idioma do sistema</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1 (não instalado)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>The studio&apos;s language; it changes when the studio starts again</source>
        <translation>O idioma do estúdio; ele muda quando o estúdio for reiniciado</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Escuro</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>The studio&apos;s colours</source>
        <translation>As cores do estúdio</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>&amp;Save changes after:</source>
        <translation>&amp;Salvar alterações após:</translation>
    </message>
    <message>
        <source>How long after a change the workspace file is written</source>
        <translation>Quanto tempo após uma alteração o arquivo do espaço de trabalho é gravado</translation>
    </message>
    <message>
        <source>Runtimes</source>
        <translation>Runtimes</translation>
    </message>
    <message>
        <source>The %1 interpreter that runs functions; empty finds one</source>
        <translation>O interpretador %1 que executa as funções; vazio procura um</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>Choose the %1 interpreter&apos;s file</source>
        <translation>Escolha o arquivo do interpretador %1</translation>
    </message>
    <message>
        <source>&amp;Node.js:</source>
        <translation>&amp;Node.js:</translation>
    </message>
    <message>
        <source>&amp;Python:</source>
        <translation>&amp;Python:</translation>
    </message>
    <message>
        <source>Choose the %1 interpreter</source>
        <translation>Escolher o interpretador %1</translation>
    </message>
    <message>
        <source>Running (when a workspace does not say)</source>
        <translation>Execução (quando o espaço de trabalho não especifica)</translation>
    </message>
    <message>
        <source>Gateway &amp;host:</source>
        <translation>&amp;Host do gateway:</translation>
    </message>
    <message>
        <source>The address the HTTP gateway listens on: 127.0.0.1 keeps it to this machine</source>
        <translation>O endereço em que o gateway HTTP escuta: 127.0.0.1 o restringe a esta máquina</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Qualquer porta livre</translation>
    </message>
    <message>
        <source>Gateway p&amp;ort:</source>
        <translation>P&amp;orta do gateway:</translation>
    </message>
    <message>
        <source>The HTTP gateway&apos;s port; 0 takes any free one</source>
        <translation>A porta do gateway HTTP; 0 usa qualquer uma livre</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Custos</translation>
    </message>
    <message>
        <source>P&amp;ricing of new workspaces:</source>
        <translation>P&amp;reços de novos espaços de trabalho:</translation>
    </message>
    <message>
        <source>The price list a new workspace starts with</source>
        <translation>A tabela de preços com que um novo espaço de trabalho começa</translation>
    </message>
    <message>
        <source> per hour</source>
        <translation> por hora</translation>
    </message>
    <message>
        <source>&amp;VM to compare with:</source>
        <translation>&amp;VM para comparar:</translation>
    </message>
    <message>
        <source>The hourly price of the always-on machine the Cost panel compares with</source>
        <translation>O preço por hora da máquina sempre ligada com que o painel Custo compara</translation>
    </message>
    <message>
        <source>Run history of new workspaces</source>
        <translation>Histórico de execuções de novos espaços de trabalho</translation>
    </message>
    <message>
        <source>Keep all</source>
        <translation>Manter todas</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <source>Keep runs &amp;for:</source>
        <translation>Manter e&amp;xecuções por:</translation>
    </message>
    <message>
        <source>Runs older than this are removed; 0 keeps them all</source>
        <translation>Execuções mais antigas que isso são removidas; 0 mantém todas</translation>
    </message>
    <message>
        <source> runs</source>
        <translation> execuções</translation>
    </message>
    <message>
        <source>Keep at &amp;most:</source>
        <translation>Manter no &amp;máximo:</translation>
    </message>
    <message>
        <source>Only the most recent runs are kept; 0 keeps them all</source>
        <translation>Apenas as execuções mais recentes são mantidas; 0 mantém todas</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>%1: %2 (%3, the closest version)</source>
        <translation>%1: %2 (%3, a versão mais próxima)</translation>
    </message>
    <message>
        <source>No %1 found on this machine: functions of its runtimes cannot run.</source>
        <translation>Nenhum %1 encontrado nesta máquina: as funções dos seus runtimes não podem ser executadas.</translation>
    </message>
    <message>
        <source>Found automatically:</source>
        <translation>Encontrados automaticamente:</translation>
    </message>
    <message>
        <source>%1 %2: runs every %1 runtime.</source>
        <translation>%1 %2: executa todos os runtimes de %1.</translation>
    </message>
    <message>
        <source>%1 interpreter: %2</source>
        <translation>Interpretador %1: %2</translation>
    </message>
    <message>
        <source>Gateway host: &quot;%1&quot; is not an IP address or localhost</source>
        <translation>Host do gateway: &quot;%1&quot; não é um endereço IP nem localhost</translation>
    </message>
</context>
<context>
    <name>stratus::editor::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Search actions and keys</source>
        <translation>Pesquisar ações e teclas</translation>
    </message>
    <message>
        <source>Search shortcuts</source>
        <translation>Pesquisar atalhos</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>Área de desenho</translation>
    </message>
    <message>
        <source>Select the nearest node that way</source>
        <translation>Selecionar o nó mais próximo nessa direção</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>Setas</translation>
    </message>
    <message>
        <source>Move the selected nodes a grid step</source>
        <translation>Mover os nós selecionados um passo da grade</translation>
    </message>
    <message>
        <source>Shift+arrow keys</source>
        <translation>Shift+setas</translation>
    </message>
    <message>
        <source>Open the selected node&apos;s inspector</source>
        <translation>Abrir o inspetor do nó selecionado</translation>
    </message>
    <message>
        <source>Edit the selected function&apos;s code</source>
        <translation>Editar o código da função selecionada</translation>
    </message>
    <message>
        <source>Back to the canvas from the inspector</source>
        <translation>Voltar do inspetor para a área de desenho</translation>
    </message>
    <message>
        <source>Cancel a wire being dragged</source>
        <translation>Cancelar uma conexão sendo arrastada</translation>
    </message>
    <message>
        <source>Pan the canvas while dragging</source>
        <translation>Deslocar a área de desenho ao arrastar</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espaço</translation>
    </message>
</context>
<context>
    <name>stratus::editor::StructuredEditor</name>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>%1 as JSON</source>
        <translation>%1 como JSON</translation>
    </message>
    <message>
        <source>Edit %1 as raw JSON</source>
        <translation>Editar %1 como JSON bruto</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variáveis</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Environment variables: a name of letters, digits and _ starting with a letter</source>
        <translation>Variáveis de ambiente: um nome de letras, dígitos e _ começando com uma letra</translation>
    </message>
    <message>
        <source>Add Variable</source>
        <translation>Adicionar variável</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Origins</source>
        <translation>Origens</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Métodos</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>Cabeçalhos da requisição</translation>
    </message>
    <message>
        <source>Exposed headers</source>
        <translation>Cabeçalhos expostos</translation>
    </message>
    <message>
        <source>comma-separated, e.g. %1</source>
        <translation>separados por vírgula, ex.: %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>não definido</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How long a browser may cache the preflight answer (maxAgeS)</source>
        <translation>Por quanto tempo um navegador pode guardar em cache a resposta do preflight (maxAgeS)</translation>
    </message>
    <message>
        <source>Max age</source>
        <translation>Idade máxima</translation>
    </message>
    <message>
        <source>Allow credentials</source>
        <translation>Permitir credenciais</translation>
    </message>
    <message>
        <source>No CORS</source>
        <translation>Sem CORS</translation>
    </message>
    <message>
        <source>Clear every CORS setting: the route answers no preflight</source>
        <translation>Limpar todas as configurações de CORS: a rota não responde a preflight</translation>
    </message>
    <message>
        <source>The text is not valid JSON: fix it to go back to the form.</source>
        <translation>O texto não é um JSON válido: corrija-o para voltar ao formulário.</translation>
    </message>
    <message>
        <source>The form cannot show this value (a wrong type or an unknown key): edit it as JSON.</source>
        <translation>O formulário não consegue mostrar este valor (um tipo errado ou uma chave desconhecida): edite-o como JSON.</translation>
    </message>
    <message>
        <source>%1 is there twice: give each variable one row (the field keeps its last value).</source>
        <translation>%1 aparece duas vezes: dê uma linha a cada variável (o campo mantém seu último valor).</translation>
    </message>
</context>
<context>
    <name>stratus::editor::TestEventDialog</name>
    <message>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Send Test Event — %1</source>
        <translation>Enviar evento de teste — %1</translation>
    </message>
    <message>
        <source>Saved event:</source>
        <translation>Evento salvo:</translation>
    </message>
    <message>
        <source>Saved test events</source>
        <translation>Eventos de teste salvos</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Cabeçalho</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Add Header</source>
        <translation>Adicionar cabeçalho</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Caminho</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Consulta</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Cabeçalhos</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corpo</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Requisição</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>The HTTP answer shows here when the run ends.</source>
        <translation>A resposta HTTP aparece aqui quando a execução terminar.</translation>
    </message>
    <message>
        <source>The run&apos;s output shows here when it ends.</source>
        <translation>A saída da execução aparece aqui quando ela terminar.</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Resposta</translation>
    </message>
    <message>
        <source>Save Test Event</source>
        <translation>Salvar evento de teste</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>Rename Test Event</source>
        <translation>Renomear evento de teste</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Novo nome:</translation>
    </message>
    <message>
        <source>(unsaved)</source>
        <translation>(não salvo)</translation>
    </message>
    <message>
        <source>A saved event needs a name.</source>
        <translation>Um evento salvo precisa de um nome.</translation>
    </message>
    <message>
        <source>Not saved: the event is not JSON (%1).</source>
        <translation>Não salvo: o evento não é JSON (%1).</translation>
    </message>
    <message>
        <source>Save test event %1</source>
        <translation>Salvar evento de teste %1</translation>
    </message>
    <message>
        <source>Saved as “%1”.</source>
        <translation>Salvo como “%1”.</translation>
    </message>
    <message>
        <source>There is already a saved event named “%1”.</source>
        <translation>Já existe um evento salvo chamado “%1”.</translation>
    </message>
    <message>
        <source>Rename test event %1 to %2</source>
        <translation>Renomear evento de teste %1 para %2</translation>
    </message>
    <message>
        <source>Delete test event %1</source>
        <translation>Excluir evento de teste %1</translation>
    </message>
    <message>
        <source>Not sent: the event is not JSON (%1).</source>
        <translation>Não enviado: o evento não é JSON (%1).</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Não enviado: %1</translation>
    </message>
    <message>
        <source>Sent; waiting for the run to end. Its invocations show in the Invocations panel.</source>
        <translation>Enviado; aguardando o fim da execução. Suas invocações aparecem no painel Invocações.</translation>
    </message>
    <message>
        <source>The run ended ok in %1 ms.</source>
        <translation>A execução terminou com sucesso em %1 ms.</translation>
    </message>
    <message>
        <source>The run failed after %1 ms: %2</source>
        <translation>A execução falhou após %1 ms: %2</translation>
    </message>
    <message>
        <source>Send  (%1)</source>
        <translation>Enviar  (%1)</translation>
    </message>
    <message>
        <source>Deleted “%1” (%2 brings it back).</source>
        <translation>“%1” excluído (%2 o traz de volta).</translation>
    </message>
</context>
<context>
    <name>stratus::editor::TourDialog</name>
    <message>
        <source>Getting Started</source>
        <translation>Primeiros passos</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Voltar</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fechar</translation>
    </message>
    <message>
        <source>1. The canvas: your workflow</source>
        <translation>1. A área de desenho: seu fluxo de trabalho</translation>
    </message>
    <message>
        <source>This is the &lt;b&gt;http-api&lt;/b&gt; example: an HTTP API whose functions keep to-dos in a table. Each box is a node (a trigger, a function, a choice or a resource) and each line carries events from an output port to an input port. Dashed grey links show which resources a function uses through the AWS SDK.</source>
        <translation>Este é o exemplo &lt;b&gt;http-api&lt;/b&gt;: uma HTTP API cujas funções guardam tarefas em uma tabela. Cada caixa é um nó (um gatilho, uma função, uma escolha ou um recurso) e cada linha leva eventos de uma porta de saída a uma porta de entrada. Links cinza tracejados mostram quais recursos uma função usa pelo AWS SDK.</translation>
    </message>
    <message>
        <source>2. The palette: add nodes</source>
        <translation>2. A paleta: adicione nós</translation>
    </message>
    <message>
        <source>3. The inspector: configure</source>
        <translation>3. O inspetor: configure</translation>
    </message>
    <message>
        <source>Select a node to set its fields: a function&apos;s runtime, memory and timeout, a route&apos;s method and path. Problems show on the field and as a badge on the node.</source>
        <translation>Selecione um nó para definir seus campos: o runtime, a memória e o tempo limite de uma função, o método e o caminho de uma rota. Os problemas aparecem no campo e como um selo no nó.</translation>
    </message>
    <message>
        <source>4. Code: the function&apos;s handler</source>
        <translation>4. Código: o handler da função</translation>
    </message>
    <message>
        <source>5. Run: try it on this machine</source>
        <translation>5. Executar: experimente nesta máquina</translation>
    </message>
    <message>
        <source>6. Measure: invocations, charts and cost</source>
        <translation>6. Medir: invocações, gráficos e custo</translation>
    </message>
    <message>
        <source>Each invocation is listed with its cold or warm start, duration, memory and cost. Charts and Cost (tabs beside it) show latency over time and what a month would cost on Lambda against an always-on machine.</source>
        <translation>Cada invocação é listada com sua inicialização a frio ou a quente, duração, memória e custo. Gráficos e Custo (abas ao lado) mostram a latência ao longo do tempo e quanto um mês custaria no Lambda em comparação com uma máquina sempre ligada.</translation>
    </message>
    <message>
        <source>7. Ship it</source>
        <translation>7. Publique</translation>
    </message>
    <message>
        <source>When the Problems panel is empty, &lt;b&gt;File › Export AWS SAM Bundle&lt;/b&gt; (or Serverless Framework Service) writes a bundle that deploys the same workflow to AWS. Help › Documentation has the guides.</source>
        <translation>Quando o painel Problemas estiver vazio, &lt;b&gt;Arquivo › Exportar pacote AWS SAM&lt;/b&gt; (ou serviço do Serverless Framework) grava um pacote que implanta o mesmo fluxo de trabalho na AWS. Ajuda › Documentação tem os guias.</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Avançar &gt;</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Concluir</translation>
    </message>
    <message>
        <source>Drag a node kind onto the canvas, or select one and press Enter. Wire a node by dragging from an output port to an input port (or select it and press %1); ports that fit light up.</source>
        <translation>Arraste um tipo de nó para a área de desenho, ou selecione um e pressione Enter. Conecte um nó arrastando de uma porta de saída para uma porta de entrada (ou selecione-o e pressione %1); as portas compatíveis se acendem.</translation>
    </message>
    <message>
        <source>A function&apos;s files, edited here with highlighting. Every change, code included, is undoable (%1) and saved by itself within a second.</source>
        <translation>Os arquivos de uma função, editados aqui com realce de sintaxe. Toda alteração, inclusive no código, pode ser desfeita (%1) e é salva sozinha em até um segundo.</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;F5&lt;/b&gt; to run the workspace with AWS Lambda&apos;s contracts. The Run panel lists the HTTP routes with a curl line to copy; &lt;b&gt;%1&lt;/b&gt; sends a test event.</source>
        <translation>Pressione &lt;b&gt;F5&lt;/b&gt; para executar o espaço de trabalho com os contratos do AWS Lambda. O painel Execução lista as rotas HTTP com uma linha de curl para copiar; &lt;b&gt;%1&lt;/b&gt; envia um evento de teste.</translation>
    </message>
</context>
<context>
    <name>stratus::editor::WireDialog</name>
    <message>
        <source>Wire %1</source>
        <translation>Conectar %1</translation>
    </message>
    <message>
        <source>Wires that %1 can take; type to filter, Return to wire.</source>
        <translation>Conexões possíveis de %1; digite para filtrar, Return para conectar.</translation>
    </message>
    <message>
        <source>Filter wires</source>
        <translation>Filtrar conexões</translation>
    </message>
    <message>
        <source>Wires to draw</source>
        <translation>Conexões possíveis</translation>
    </message>
    <message>
        <source>%1 → %2 (%3)</source>
        <translation>%1 → %2 (%3)</translation>
    </message>
    <message>
        <source>%1 ← %2 (%3)</source>
        <translation>%1 ← %2 (%3)</translation>
    </message>
    <message>
        <source>No wire can be drawn from or to %1: every port the model would accept is wired already, or there is none.</source>
        <translation>Nenhuma conexão possível de ou para %1: toda porta aceita já está conectada, ou não há nenhuma.</translation>
    </message>
    <message>
        <source>No wire matches the filter.</source>
        <translation>Nenhuma conexão corresponde ao filtro.</translation>
    </message>
    <message>
        <source>&amp;Wire</source>
        <translation>Co&amp;nectar</translation>
    </message>
    <message>
        <source>Filter by node, port or kind…</source>
        <translation>Filtrar por nó, porta ou tipo…</translation>
    </message>
</context>
<context>
    <name>stratus::editor::WorkflowScene</name>
    <message>
        <source>%1 uses %2 %3 through the AWS SDK</source>
        <translation>%1 usa %2 %3 pelo AWS SDK</translation>
    </message>
    <message>
        <source>Cannot wire: %1</source>
        <translation>Não é possível conectar: %1</translation>
    </message>
    <message>
        <source>Wire %1 to %2</source>
        <translation>Conectar %1 a %2</translation>
    </message>
    <message>
        <source>Wired %1.%2 to %3.%4</source>
        <translation>%1.%2 conectado a %3.%4</translation>
    </message>
    <message>
        <source>Drop on an input port to wire; Esc to cancel</source>
        <translation>Solte em uma porta de entrada para conectar; Esc para cancelar</translation>
    </message>
    <message>
        <source>Drop on an output port to wire; Esc to cancel</source>
        <translation>Solte em uma porta de saída para conectar; Esc para cancelar</translation>
    </message>
    <message>
        <source>Wiring cancelled: not dropped on a port</source>
        <translation>Conexão cancelada: não foi solta em uma porta</translation>
    </message>
    <message>
        <source>Cannot wire: an output goes to an input port</source>
        <translation>Não é possível conectar: uma saída vai para uma porta de entrada</translation>
    </message>
    <message>
        <source>Cannot wire: an input comes from an output port</source>
        <translation>Não é possível conectar: uma entrada vem de uma porta de saída</translation>
    </message>
    <message>
        <source>Wiring cancelled</source>
        <translation>Conexão cancelada</translation>
    </message>
    <message>
        <source>No node that way</source>
        <translation>Nenhum nó nessa direção</translation>
    </message>
</context>
</TS>
